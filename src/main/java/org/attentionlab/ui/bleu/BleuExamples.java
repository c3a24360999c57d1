package org.attentionlab.ui.bleu;

import java.util.List;

/**
 * The inputs the lecture uses (seeds/001, the BLEU slides), preloaded by the view's buttons. The
 * numbers they give are not here: the view computes them, and the tests check them against an
 * independent Python computation (src/test/python/bleu_lecture_verify.py).
 */
public final class BleuExamples {

    private BleuExamples() {
    }

    /** The worked example's candidate, word-segmented as on the slide. */
    public static final String WORKED_CANDIDATE = "男孩 踢 足球";

    /** The worked example's reference. */
    public static final String WORKED_REFERENCE = "一个 小 男孩 在 踢 足球";

    /** Samuel Ullman's <i>Youth</i> in 王佐良's translation: the reference. */
    public static final String YOUTH_REFERENCE =
            "青春不是年华，而是心境；青春不是桃面、丹唇、柔膝，而是深沉的意志，恢宏的想象，炙热的感情；青春是生命的深泉在涌流。";

    /** The three machine translations the lecture sets beside it. */
    public static final List<NamedCandidate> YOUTH_CANDIDATES = List.of(
            new NamedCandidate("DeepSeek",
                    "青春不是年华，而是心境；青春不是桃面、丹唇、柔膝，而是深沉的意志、恢宏的想象、炽热的情感；青春是生命深泉的自在奔流。"),
            new NamedCandidate("Google",
                    "青春不是人生的一个阶段，而是一种心境；青春不是桃面、丹唇、柔膝；青春是一种意志，一种想象，一种情感的活力；青春是生命深泉的清新。"),
            new NamedCandidate("Baidu",
                    "青春不是一段时间，而是一种心态；这不是玫瑰色的脸颊、红唇和柔软的膝盖；它是一种意志，一种想象力，一种情感的活力；它是生命深泉的清新。"));
}
