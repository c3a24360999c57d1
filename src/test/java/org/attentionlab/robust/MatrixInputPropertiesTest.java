package org.attentionlab.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.attentionlab.cli.Cli;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.qkv.QkvViewModel;
import org.attentionlab.ui.qkv.QkvViewModel.Stage;

/**
 * Matrices from anyone: JSON text for {@code attend} built from a grammar of good and bad parts
 * (ragged rows, NaN/Infinity, 1e±400, strings, nesting, trailing text), and numbers of any
 * magnitude typed into the Q/K/V view's cells. The command exits 0 with finite output or 2 with
 * one line naming the option; the view never shows NaN or ∞ and never throws.
 */
class MatrixInputPropertiesTest {

    private static final Nd4jEngineService ENGINE = new Nd4jEngineService();

    @Provide
    Arbitrary<String> number() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.doubles().between(-10, 10).map(d -> Double.toString(d))),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e200", "1e-400",
                        "1e38", "\"1\"", "true", "null", "[]", "{}", "0x10", "1,5", "-0", "9" + "9".repeat(400))),
                net.jqwik.api.Tuple.of(1, Arbitraries.doubles().map(d -> Double.toString(d))));
    }

    @Provide
    Arbitrary<String> matrix() {
        Arbitrary<String> row = number().list().ofMinSize(0).ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> good = row.list().ofMinSize(0).ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, good),
                net.jqwik.api.Tuple.of(1, good.map(m -> "[" + m + "]")),
                net.jqwik.api.Tuple.of(1, good.map(m -> m + " trailing")),
                net.jqwik.api.Tuple.of(1, good.map(m -> m.substring(0, m.length() / 2))),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 3000).map(n -> "[".repeat(n) + "]".repeat(n))));
    }

    @Property(tries = 120)
    void attendAnswersAnyMatrices(@ForAll("matrix") String q, @ForAll("matrix") String k, @ForAll("matrix") String v,
                                  @ForAll boolean float32) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "attend", "--q", q, "--k", k, "--v", v,
                "--format", "json", "--precision", float32 ? "float32" : "float64");
        if (code == Cli.OK) {
            assertFalse(out.toString().contains("NaN") || out.toString().contains("Infinity"), out.toString());
        } else {
            assertEquals(Cli.BAD_INPUT, code, err.toString());
            String e = err.toString().strip();
            assertEquals(1, e.lines().count(), e);
            assertTrue(e.startsWith("attend: "), e);
        }
    }

    @Provide
    Arbitrary<List<Double>> typed() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.doubles().between(-1e6, 1e6)),
                net.jqwik.api.Tuple.of(2, Arbitraries.doubles()),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 1e6, -1e6, 1e6 + 1))).list().ofMinSize(1).ofMaxSize(8);
    }

    /** A few edits of X and the weights under random settings: the view never shows a number that is not one. */
    @Property(tries = 30)
    void typedNumbersNeverPutNanIntoTheView(@ForAll("typed") List<Double> values, @ForAll boolean scaled, @ForAll boolean float32,
                                            @ForAll boolean causal) {
        QkvViewModel vm = new QkvViewModel(ENGINE, UiExecutors.direct());
        vm.scaledProperty().set(scaled);
        vm.precisionProperty().set(float32 ? org.attentionlab.engine.Precision.FLOAT32 : org.attentionlab.engine.Precision.FLOAT64);
        vm.maskProperty().set(causal ? QkvViewModel.MaskKind.CAUSAL : QkvViewModel.MaskKind.NONE);
        int i = 0;
        for (double x : values.subList(0, Math.min(values.size(), 8))) {
            switch (i++ % 4) {
                case 0 -> vm.editX(i % 3, i % 2, x);
                case 1 -> vm.editWeight(Stage.WQ, i % 2, (i + 1) % 2, x);
                case 2 -> vm.editWeight(Stage.WK, (i + 1) % 2, i % 2, x);
                default -> vm.editWeight(Stage.WV, i % 2, i % 2, x);
            }
        }
        for (Stage s : Stage.values()) {
            Matrix m = vm.stage(s);
            for (int r = 0; r < m.rows(); r++) {
                for (int c = 0; c < m.cols(); c++) {
                    double x = m.get(r, c);
                    assertTrue(Double.isFinite(x) || (s == Stage.MASKED && x == Double.NEGATIVE_INFINITY), s + " " + x);
                }
            }
        }
    }
}
