package org.attentionlab.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.attentionlab.engine.Activation;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.NormPlacement;
import org.attentionlab.engine.Precision;
import org.attentionlab.io.AtomicFiles;
import org.attentionlab.io.Dtype;
import org.attentionlab.io.ModelFileException;
import org.attentionlab.io.SafetensorsFile;
import org.attentionlab.io.SafetensorsWriter;
import org.attentionlab.io.TensorInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * An encoder-decoder model folder:
 * <pre>
 * config.json          sizes (d_model, heads, d_ff, layers, …), vocabulary files, how it was trained
 * model.safetensors    every parameter as float32, named as {@link Seq2SeqTransformer#parameters()} names them
 * source.vocab.txt     source vocabulary, one token per line (id = line number − 1)
 * target.vocab.txt     target vocabulary
 * </pre>
 * Weights are stored in the engine's layout (W of shape (in, out), y = x·W + b). Writing is
 * deterministic: the same model gives the same bytes (no dates, no timings, fixed key order).
 */
public final class Seq2SeqCheckpoint {

    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String SOURCE_VOCAB = "source.vocab.txt";
    public static final String TARGET_VOCAB = "target.vocab.txt";
    /** The {@code model_type} this code writes and reads. */
    public static final String MODEL_TYPE = "attention-lab-seq2seq";

    private Seq2SeqCheckpoint() {
    }

    /** A loaded model folder. */
    public record Loaded(Seq2SeqTransformer model, TokenVocabulary source, TokenVocabulary target, JsonNode config) {
    }

    /**
     * Writes a model folder (created if missing; the files are replaced atomically).
     *
     * @param training how it was trained, written under {@code "training"} in config.json (keys in the given order)
     */
    public static void save(Path dir, Seq2SeqTransformer model, TokenVocabulary source, TokenVocabulary target,
                            Map<String, Object> training) throws IOException {
        Files.createDirectories(dir);
        Seq2SeqConfig c = model.config();
        if (c.sourceVocabulary() != source.size() || c.targetVocabulary() != target.size()) {
            throw new IllegalArgumentException("the model has vocabularies of " + c.sourceVocabulary() + " and "
                    + c.targetVocabulary() + " tokens but the files have " + source.size() + " and " + target.size());
        }
        SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt").metadata("model_type", MODEL_TYPE);
        for (Parameter p : model.parameters()) {
            double[] v = p.values();
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            w.add(p.name(), Dtype.F32, p.shape(), f);
        }
        w.write(dir.resolve(WEIGHTS));
        source.save(dir.resolve(SOURCE_VOCAB));
        target.save(dir.resolve(TARGET_VOCAB));
        AtomicFiles.writeString(dir.resolve(CONFIG), configJson(c, training));
    }

    static String configJson(Seq2SeqConfig c, Map<String, Object> training) throws JsonProcessingException {
        ModelConfig m = c.model();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model_type", MODEL_TYPE);
        root.put("d_model", m.dModel());
        root.put("heads", m.heads());
        root.put("d_k", m.dK());
        root.put("d_v", m.dV());
        root.put("d_ff", m.dFF());
        root.put("layers", m.layers());
        root.put("activation", m.activation().name().toLowerCase(Locale.ROOT));
        root.put("norm", m.norm().name().toLowerCase(Locale.ROOT));
        root.put("layer_norm_eps", m.layerNormEps());
        root.put("max_length", c.maxLength());
        root.put("source_vocab_size", c.sourceVocabulary());
        root.put("target_vocab_size", c.targetVocabulary());
        root.put("source_vocab", SOURCE_VOCAB);
        root.put("target_vocab", TARGET_VOCAB);
        root.put("special_tokens", Seq2SeqTransformer.SPECIAL_TOKENS);
        root.put("tokenizer", "lowercase, split on whitespace");
        root.put("positional_encoding", "sinusoidal");
        root.put("embedding_scale", "sqrt(d_model)");
        root.put("weight_layout", "W is (in, out): y = x W + b");
        root.put("training", training);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root)
                .replace("\r\n", "\n") + "\n";
    }

    /** Reads a model folder; every problem is a {@link ModelFileException} naming the file and the entry. */
    public static Loaded load(Path dir, Precision precision) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such model folder");
        }
        Path configFile = dir.resolve(CONFIG);
        if (!Files.isRegularFile(configFile)) {
            throw new ModelFileException(configFile, null, "is missing; a model folder holds " + CONFIG + ", " + WEIGHTS
                    + ", " + SOURCE_VOCAB + " and " + TARGET_VOCAB);
        }
        JsonNode cfg;
        try {
            cfg = new ObjectMapper().readTree(configFile.toFile());
        } catch (JsonProcessingException e) {
            throw new ModelFileException(configFile, null, "is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (cfg == null || !cfg.isObject()) {
            throw new ModelFileException(configFile, null, "should hold a JSON object");
        }
        String type = text(cfg, "model_type", configFile);
        if (!type.equals(MODEL_TYPE)) {
            throw new ModelFileException(configFile, "model_type", "is \"" + type + "\"; expected \"" + MODEL_TYPE + "\"");
        }
        TokenVocabulary source = TokenVocabulary.load(dir.resolve(text(cfg, "source_vocab", configFile)));
        TokenVocabulary target = TokenVocabulary.load(dir.resolve(text(cfg, "target_vocab", configFile)));
        Seq2SeqConfig config;
        try {
            Activation act = Activation.valueOf(text(cfg, "activation", configFile).toUpperCase(Locale.ROOT));
            NormPlacement norm = NormPlacement.valueOf(text(cfg, "norm", configFile).toUpperCase(Locale.ROOT));
            ModelConfig m = new ModelConfig(integer(cfg, "d_model", configFile), integer(cfg, "heads", configFile),
                    integer(cfg, "d_k", configFile), integer(cfg, "d_v", configFile), integer(cfg, "d_ff", configFile),
                    integer(cfg, "layers", configFile), act, norm, number(cfg, "layer_norm_eps", configFile), true, precision);
            config = new Seq2SeqConfig(m, integer(cfg, "source_vocab_size", configFile),
                    integer(cfg, "target_vocab_size", configFile), integer(cfg, "max_length", configFile));
        } catch (ModelFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(configFile, null, e.getMessage(), e);
        }
        if (config.sourceVocabulary() != source.size()) {
            throw new ModelFileException(configFile, "source_vocab_size", "is " + config.sourceVocabulary() + " but "
                    + SOURCE_VOCAB + " has " + source.size() + " tokens");
        }
        if (config.targetVocabulary() != target.size()) {
            throw new ModelFileException(configFile, "target_vocab_size", "is " + config.targetVocabulary() + " but "
                    + TARGET_VOCAB + " has " + target.size() + " tokens");
        }
        Seq2SeqTransformer model = Seq2SeqTransformer.init(config, 0);
        Path weights = dir.resolve(WEIGHTS);
        try (SafetensorsFile st = SafetensorsFile.open(weights)) {
            List<String> problems = new ArrayList<>();
            for (Parameter p : model.parameters()) {
                TensorInfo info = st.tensor(p.name()).orElse(null);
                if (info == null) {
                    problems.add("tensor \"" + p.name() + "\" is missing");
                } else if (!Arrays.equals(info.shape(), p.shape())) {
                    problems.add("tensor \"" + p.name() + "\" has shape " + info.shapeString() + " but the config needs "
                            + Arrays.toString(p.shape()));
                }
            }
            for (String name : st.tensors().keySet()) {
                if (!model.parameters().contains(name)) {
                    problems.add("tensor \"" + name + "\" is not a parameter of this model");
                }
            }
            if (!problems.isEmpty()) {
                throw new ModelFileException(weights, null, problems, null);
            }
            for (Parameter p : model.parameters()) {
                float[] f = st.readFloats(p.name());
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                try {
                    p.set(d);
                } catch (IllegalArgumentException e) {
                    throw new ModelFileException(weights, "tensor \"" + p.name() + "\"", e.getMessage(), e);
                }
            }
        }
        return new Loaded(model, source, target, cfg);
    }

    private static JsonNode field(JsonNode cfg, String name, Path file) {
        JsonNode n = cfg.get(name);
        if (n == null || n.isNull()) {
            throw new ModelFileException(file, name, "is missing");
        }
        return n;
    }

    private static String text(JsonNode cfg, String name, Path file) {
        JsonNode n = field(cfg, name, file);
        if (!n.isTextual()) {
            throw new ModelFileException(file, name, "should be a string but is " + n);
        }
        return n.asText();
    }

    private static int integer(JsonNode cfg, String name, Path file) {
        JsonNode n = field(cfg, name, file);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new ModelFileException(file, name, "should be a whole number but is " + n);
        }
        return n.asInt();
    }

    private static double number(JsonNode cfg, String name, Path file) {
        JsonNode n = field(cfg, name, file);
        if (!n.isNumber()) {
            throw new ModelFileException(file, name, "should be a number but is " + n);
        }
        return n.asDouble();
    }
}
