package org.attentionlab.ui;

import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.Precision;
import org.attentionlab.ui.qkv.QkvViewModel;

/** Message keys that code builds from enum names (so the source scan cannot see them). */
final class EnumKeys {

    private EnumKeys() {
    }

    static List<String> all() {
        List<String> keys = new ArrayList<>();
        for (QkvViewModel.Stage s : QkvViewModel.Stage.values()) {
            keys.add(s.titleKey());
        }
        for (Class<? extends Enum<?>> type : List.<Class<? extends Enum<?>>>of(QkvViewModel.Split.class,
                QkvViewModel.WeightInit.class, QkvViewModel.MaskKind.class, Precision.class)) {
            for (Enum<?> e : type.getEnumConstants()) {
                keys.add(EnumText.key(e));
            }
        }
        for (org.attentionlab.text.TokenKind k : org.attentionlab.text.TokenKind.values()) {
            keys.add(org.attentionlab.ui.tokenizer.TokenizerViewModel.kindKey(k));
        }
        for (org.attentionlab.ui.training.Experiment e : org.attentionlab.ui.training.Experiment.values()) {
            keys.add(e.aboutKey());
        }
        for (org.attentionlab.ui.crossattention.ShippedModel m : org.attentionlab.ui.crossattention.ShippedModel.values()) {
            keys.add(m.messageKey());
        }
        return keys;
    }
}
