package org.attentionlab.ui.crossattention;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.attentionlab.engine.train.Translator;
import org.attentionlab.io.Assets;

/**
 * The shipped models, each loaded once on first use. A {@link Translator} keeps the activations
 * of its last pass, so it is not thread-safe: every call goes through the one background
 * executor that the cross-attention and decoding views share (the engine thread), never through
 * two threads at once.
 */
public final class ShippedModels {

    private final Map<ShippedModel, Translator> loaded = new EnumMap<>(ShippedModel.class);

    /** Thrown when a model's folder is missing or unreadable; the views show its message key. */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final ShippedModel model;
        private final String detail;

        Unavailable(ShippedModel model, String detail, Throwable cause) {
            super(model.path() + ": " + detail, cause);
            this.model = model;
            this.detail = detail;
        }

        public ShippedModel model() {
            return model;
        }

        public String detail() {
            return detail;
        }
    }

    /** The model, loading it the first time (background executor only). */
    public synchronized Translator get(ShippedModel model) {
        Translator t = loaded.get(model);
        if (t == null) {
            Path config = Assets.find(model.path() + "/config.json").orElseThrow(() -> new Unavailable(model,
                    "not found (looked in " + Assets.candidates(model.path()) + ")", null));
            try {
                t = Translator.load(config.getParent());
            } catch (IOException | RuntimeException e) {
                throw new Unavailable(model, String.valueOf(e.getMessage()), e);
            }
            loaded.put(model, t);
        }
        return t;
    }
}
