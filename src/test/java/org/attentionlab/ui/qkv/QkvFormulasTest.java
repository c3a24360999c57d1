package org.attentionlab.ui.qkv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attentionlab.engine.Precision;
import org.attentionlab.engine.ScaledDotProductAttention;
import org.attentionlab.engine.Mask;
import org.attentionlab.engine.trace.AttentionTrace;
import org.attentionlab.ui.EngineService;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.qkv.QkvViewModel.MaskKind;
import org.attentionlab.ui.qkv.QkvViewModel.Stage;
import org.attentionlab.ui.widgets.Cell;
import org.attentionlab.ui.widgets.FormulaRenderer;
import org.junit.jupiter.api.Test;

/**
 * The Q/K/V view's LaTeX formulas with the selected weight's numbers: the lecture's example
 * (x₁=[1,0], x₂=[0,1], x₃=[1,1], W = I, no scaling), whose weights for x₃ are [0.2119, 0.2119,
 * 0.5761]; and every formula is valid LaTeX.
 */
class QkvFormulasTest {

    private static final EngineService ENGINE = new Nd4jEngineService();

    @Test
    void theLectureExampleWithNumbers() {
        QkvViewModel vm = new QkvViewModel(ENGINE, UiExecutors.direct());
        AttentionTrace t = vm.traceProperty().get();
        Cell c = new Cell(2, 2);
        assertEquals("q_{3} = x_{3}W_Q = \\begin{bmatrix} 1.0000 & 1.0000 \\end{bmatrix}", QkvFormulas.numbers(Stage.Q, t, c));
        assertEquals("s_{3,3} = q_{3} \\cdot k_{3} = 1.0000 \\cdot 1.0000 + 1.0000 \\cdot 1.0000 = 2.0000",
                QkvFormulas.numbers(Stage.SCORES, t, c));
        assertEquals("s'_{3,3} = s_{3,3} = 2.0000", QkvFormulas.numbers(Stage.SCALED, t, c));
        assertEquals("s''_{3,3} = 2.0000 + 0 = 2.0000", QkvFormulas.numbers(Stage.MASKED, t, c));
        assertEquals("\\alpha_{3,3} = \\frac{e^{2.0000}}{\\sum_j \\exp(s''_{3,j})} = \\frac{7.3891}{12.8256} = 0.5761",
                QkvFormulas.numbers(Stage.WEIGHTS, t, c));
        assertEquals("z_{3} = \\sum_j \\alpha_{3,j} v_j = 0.2119\\,v_{1} + 0.2119\\,v_{2} + 0.5761\\,v_{3} = "
                + "\\begin{bmatrix} 0.7881 & 0.7881 \\end{bmatrix}", QkvFormulas.numbers(Stage.OUTPUT, t, c));
        assertEquals("", QkvFormulas.numbers(Stage.X, t, c));
        assertEquals("", QkvFormulas.numbers(Stage.WEIGHTS, t, null));
        assertEquals("", QkvFormulas.numbers(Stage.WEIGHTS, t, new Cell(5, 0)), "outside the matrix: nothing");
    }

    @Test
    void scalingAndTheCausalMaskWithNumbers() {
        QkvViewModel vm = new QkvViewModel(ENGINE, UiExecutors.direct());
        vm.scaledProperty().set(true);
        vm.maskProperty().set(MaskKind.CAUSAL);
        AttentionTrace t = vm.traceProperty().get();
        assertEquals("S' = \\frac{S}{\\sqrt{d_k}} = \\frac{S}{\\sqrt{2}} = \\frac{S}{1.4142}",
                QkvFormulas.definition(Stage.SCALED, true, 2));
        assertEquals("s'_{3,3} = \\frac{2.0000}{1.4142} = 1.4142", QkvFormulas.numbers(Stage.SCALED, t, new Cell(2, 2)));
        assertEquals("s''_{1,2} = 0.0000 + (-\\infty) = -\\infty", QkvFormulas.numbers(Stage.MASKED, t, new Cell(0, 1)));
        assertEquals("\\alpha_{1,2} = \\frac{e^{-\\infty}}{\\sum_j \\exp(s''_{1,j})} = \\frac{0}{2.0281} = 0",
                QkvFormulas.numbers(Stage.WEIGHTS, t, new Cell(0, 1)));
    }

    @Test
    void hugeLogitsAreShownShiftedByTheRowMaximum() {
        AttentionTrace t = ScaledDotProductAttention.trace(new double[][] {{100, 100}}, new double[][] {{100, 0}, {0, 100}, {100, 100}},
                new double[][] {{1}, {2}, {3}}, Mask.none(), false, Precision.FLOAT64);
        String w = QkvFormulas.numbers(Stage.WEIGHTS, t, new Cell(0, 0));
        assertTrue(w.contains("e^{10000.0000 - 20000.0000}"), w);
        assertTrue(w.endsWith("= 0.0000"), w);
        FormulaRenderer.parse(w);
    }

    @Test
    void everyFormulaIsValidLatex() {
        QkvViewModel vm = new QkvViewModel(ENGINE, UiExecutors.direct());
        vm.maskProperty().set(MaskKind.CAUSAL);
        AttentionTrace t = vm.traceProperty().get();
        for (Stage s : Stage.values()) {
            FormulaRenderer.parse(QkvFormulas.definition(s, true, 3));
            FormulaRenderer.parse(QkvFormulas.definition(s, false, 3));
            for (Cell c : new Cell[] {new Cell(0, 0), new Cell(0, 2), new Cell(2, 1)}) {
                String latex = QkvFormulas.numbers(s, t, c);
                if (!latex.isEmpty()) {
                    FormulaRenderer.parse(latex);
                }
            }
        }
    }
}
