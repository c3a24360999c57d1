package org.attentionlab.ui.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attentionlab.lesson.StateMap;
import org.attentionlab.lesson.StateValue;
import org.attentionlab.lesson.ViewCatalog;

/**
 * How the {@code export} command's options become a lesson state for each view: one small table,
 * so that a view joins the command by implementing {@code LessonView} and {@code Exportable} and
 * having a row here. Keys are the view's state keys in {@link org.attentionlab.lesson.ViewCatalog}
 * (a test checks that they exist). No JavaFX here.
 */
public final class ExportStates {

    /**
     * One view's row.
     *
     * @param text      the state key {@code --text} sets, or null when the view takes no text
     * @param sentences whether {@code --text} is a list of sentences separated by '|' (the mask view's batch)
     * @param heads     the state key {@code --heads} sets, or null
     * @param mask      the state key {@code --mask} sets, or null
     * @param masks     the values {@code --mask} accepts for this view
     */
    record Row(String text, boolean sentences, String heads, String mask, List<String> masks) {
    }

    static final int MAX_HEADS = 64;

    static final Map<String, Row> TABLE;

    static {
        Map<String, Row> t = new LinkedHashMap<>();
        t.put("qkv", new Row("input", false, "heads", "mask", List.of("none", "causal")));
        t.put("multihead", new Row("text", false, "heads", null, List.of()));
        t.put("pe", new Row("text", false, null, null, List.of()));
        t.put("mask", new Row("sentences", true, null, "mode", List.of("padding", "causal", "both")));
        t.put("tokenizer", new Row("text", false, null, null, List.of()));
        t.put("bleu", new Row("candidate", false, null, null, List.of()));
        TABLE = java.util.Collections.unmodifiableMap(t);
    }

    private ExportStates() {
    }

    /** The view names the command knows. */
    public static List<String> views() {
        return List.copyOf(TABLE.keySet());
    }

    /**
     * The lesson state for {@code view} from the options given (null = not given).
     *
     * @throws IllegalArgumentException naming the option and what was expected
     */
    public static StateMap state(String view, String text, Integer heads, String mask, List<String> panels) {
        Row row = TABLE.get(view);
        if (row == null) {
            throw new IllegalArgumentException("--view is '" + view + "'; expected one of " + String.join(", ", views()));
        }
        Map<String, StateValue> m = new LinkedHashMap<>();
        if (text != null) {
            if (row.text() == null) {
                throw new IllegalArgumentException("--text does not apply to view " + view);
            }
            if (text.isBlank()) {
                throw new IllegalArgumentException("--text is empty; expected some words");
            }
            if (row.sentences()) {
                List<String> sentences = new ArrayList<>();
                for (String s : text.split("\\|")) {
                    if (s.isBlank()) {
                        throw new IllegalArgumentException("--text has an empty sentence; separate sentences with '|', "
                                + "such as \"我 爱 你|你 好\"");
                    }
                    sentences.add(s.strip());
                }
                m.put(row.text(), new StateValue.Texts(sentences));
            } else {
                m.put(row.text(), new StateValue.Text(text));
            }
        }
        if (heads != null) {
            if (row.heads() == null) {
                throw new IllegalArgumentException("--heads does not apply to view " + view);
            }
            if (heads < 1 || heads > MAX_HEADS) {
                throw new IllegalArgumentException("--heads is " + heads + "; expected a whole number from 1 to " + MAX_HEADS);
            }
            m.put(row.heads(), new StateValue.Int(heads));
        }
        if (mask != null) {
            if (row.mask() == null) {
                throw new IllegalArgumentException("--mask does not apply to view " + view);
            }
            if (!row.masks().contains(mask)) {
                throw new IllegalArgumentException("--mask is '" + mask + "'; for view " + view + " expected one of "
                        + String.join(", ", row.masks()));
            }
            m.put(row.mask(), new StateValue.Text(mask));
        }
        if (panels != null && !panels.isEmpty()) {
            List<String> known = ViewCatalog.standard().find(view).map(v -> v.panels()).orElse(List.of());
            for (String p : panels) {
                if (!known.contains(p)) {
                    throw new IllegalArgumentException("--panels has '" + p + "'; view " + view + " has the panels "
                            + String.join(", ", known));
                }
            }
            m.put("panels", new StateValue.Texts(panels));
        }
        return StateMap.of(m);
    }
}
