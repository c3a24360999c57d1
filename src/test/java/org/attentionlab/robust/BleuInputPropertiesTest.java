package org.attentionlab.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.attentionlab.bleu.BleuConfig;
import org.attentionlab.bleu.BleuScore;
import org.attentionlab.bleu.BleuTokenizer;
import org.attentionlab.bleu.SacreBleu;
import org.attentionlab.bleu.Smoothing;
import org.attentionlab.cli.Cli;

/**
 * BLEU on any text: every tokenizer and smoothing gives a finite score in [0, 100] for any
 * segments; and the {@code bleu} command on any bytes (invalid UTF-8, NUL, CR, no final newline,
 * mismatched line counts) exits 0, or 2 with one stderr line naming the file.
 */
class BleuInputPropertiesTest {

    private static Path dir;

    @BeforeContainer
    static void folder() throws IOException {
        dir = Files.createTempDirectory("bleu-props");
    }

    @AfterContainer
    static void clean() throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Provide
    Arbitrary<List<String>> segments() {
        return HostileText.strings(8).list().ofMinSize(0).ofMaxSize(6);
    }

    @Property(tries = 200)
    void anySegmentsScoreWithinZeroAndHundred(@ForAll("segments") List<String> hyps, @ForAll("segments") List<String> refs,
                                             @ForAll BleuTokenizer tok, @ForAll Smoothing smoothing, @ForAll boolean lowercase) {
        List<String> r = hyps.stream().map(h -> refs.isEmpty() ? h : refs.get(Math.abs(h.hashCode()) % refs.size())).toList();
        SacreBleu bleu = new SacreBleu(new BleuConfig(tok, lowercase, smoothing, null, 4, false));
        BleuScore corpus = bleu.corpusScore(hyps, List.of(r));
        assertTrue(Double.isFinite(corpus.score()) && corpus.score() >= 0 && corpus.score() <= 100 + 1e-9, "" + corpus.score());
        for (BleuScore s : bleu.sentenceScores(hyps, List.of(r))) {
            assertTrue(Double.isFinite(s.score()) && s.score() >= 0 && s.score() <= 100 + 1e-9, "" + s.score());
        }
    }

    @Provide
    Arbitrary<byte[]> fileBytes() {
        Arbitrary<byte[]> text = HostileText.strings(12).list().ofMaxSize(5)
                .map(lines -> String.join("\n", lines).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        return Arbitraries.oneOf(text, raw);
    }

    @Property(tries = 150)
    void theCommandAnswersAnyFiles(@ForAll("fileBytes") byte[] hyp, @ForAll("fileBytes") byte[] ref) throws IOException {
        Path h = Files.write(dir.resolve("hyp.txt"), hyp);
        Path r = Files.write(dir.resolve("ref.txt"), ref);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "bleu", r.toString(), "-i", h.toString());
        if (code == Cli.OK) {
            assertTrue(out.toString().startsWith("BLEU|"), out.toString());
            assertFalse(out.toString().contains("NaN"));
        } else {
            assertEquals(Cli.BAD_INPUT, code, err.toString());
            String e = err.toString().strip();
            assertEquals(1, e.lines().count(), e);
            assertTrue(e.contains(h.toString()) || e.contains(r.toString()), "names the file: " + e);
        }
    }
}
