package org.attentionlab.lesson;

import java.nio.file.Files;
import java.nio.file.Path;

/** A small valid lesson for tests to break one field at a time. */
final class LessonTexts {

    private LessonTexts() {
    }

    /** Line 8 is the first step (its id), line 9 its view, line 14 scaled, line 16 text.zh, line 19 the check. */
    static final String VALID = """
            id: cross-attention
            order: 4
            title: {zh: 交叉注意力, en: Cross-attention}
            summary:
              zh: 解码器的状态当查询。
              en: The decoder state is the query.
            steps:
              - id: weights
                view: qkv
                state:
                  queries: [[0.5, 0.5]]
                  keys: [[1, 0], [0, 1], [1, 1]]
                  values: [[1, 0], [0, 1], [1, 1]]
                  scaled: false
                text:
                  zh: 权重约为 [0.274, 0.274, 0.452]。
                  en: The weights are about [0.274, 0.274, 0.452].
                checks:
                  - id: alpha
                    kind: attention
                    expect:
                      weights: [[0.274, 0.274, 0.452]]
            """;

    static Path folder(Path root, String name) throws Exception {
        Path f = root.resolve(name);
        Files.createDirectories(f);
        return f;
    }

    static Path write(Path root, String name, String yaml) throws Exception {
        Path f = folder(root, name);
        Files.writeString(f.resolve("lesson.yaml"), yaml);
        return f;
    }
}
