package org.attentionlab.ui.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.fx.FxScreens;
import org.attentionlab.ui.shell.CjkFonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** jlatexmath formulas, drawn headless; a formula it cannot read says so instead of crashing. */
@ExtendWith(ApplicationExtension.class)
class FormulaTest {

    private final FormulaRenderer renderer =
            new FormulaRenderer(CjkFonts.choose(javafx.scene.text.Font.getFamilies()).orElse(null));
    private Formula good;
    private Formula bad;
    private Scene scene;

    @Start
    void start(Stage stage) {
        good = new Formula(renderer, UiExecutors.direct(),
                "\\alpha_{2,1} = \\frac{e^{0.6879}}{\\sum_j e^{s_{2,j}}} = \\frac{1.9895}{6.6139} = 0.3008\\ \\text{权重}");
        bad = new Formula(renderer, UiExecutors.direct(), "\\softmaxx{x}");
        VBox box = new VBox(20, good, bad);
        box.setStyle("-fx-font-size: 24px; -fx-padding: 20;");
        scene = new Scene(box, 900, 300);
        scene.getStylesheets().add(Formula.class.getResource("/org/attentionlab/ui/attention-lab.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void drawsAFormulaAtTheTextSizeAndSaysWhyABadOneCannotBeDrawn(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(good.imageView().getImage());
        assertEquals("", good.errorProperty().get());
        // drawn at 3× for sharp 3× exports, shown at 1×: a 24 px formula with a fraction is taller than the text
        assertTrue(good.imageView().getImage().getHeight() >= 3 * good.imageView().getFitHeight() - 3);
        assertTrue(good.imageView().getFitHeight() > 40, "fit height " + good.imageView().getFitHeight());

        assertNull(bad.imageView().getImage());
        assertTrue(bad.errorProperty().get().contains("softmaxx"), bad.errorProperty().get());
        FxScreens.save(scene, "formula-widget");
    }

    @Test
    void aBiggerFontGivesABiggerFormula(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        double before = good.imageView().getFitWidth();
        robot.interact(() -> good.getParent().setStyle("-fx-font-size: 48px; -fx-padding: 20;"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2 * before, good.imageView().getFitWidth(), before * 0.05);
    }

    @Test
    void theRendererRefusesNonsenseArguments() {
        assertThrows(FormulaRenderer.FormulaException.class, () -> FormulaRenderer.parse("\\nosuchcommand"));
        assertThrows(IllegalArgumentException.class, () -> renderer.render("x", 0, 0xFF000000));
        assertThrows(IllegalArgumentException.class, () -> renderer.render("x", Double.NaN, 0xFF000000));
        assertFalse(renderer.render("x^2", 20, 0xFF000000).width() <= 0);
    }
}
