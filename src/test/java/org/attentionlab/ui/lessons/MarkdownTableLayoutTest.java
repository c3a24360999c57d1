package org.attentionlab.ui.lessons;

import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A table whose cells must wrap in a narrow step panel (presenter type, Chinese) is given the
 * height it takes at that width: the paragraph after it starts below it instead of over it.
 */
@ExtendWith(ApplicationExtension.class)
class MarkdownTableLayoutTest {

    static {
        // the headless screen is made once per JVM: as large as the other window tests need
        System.setProperty("headless.geometry", "1920x1080-32");
    }

    private VBox text;

    @Start
    void start(Stage stage) {
        text = MarkdownView.render(Markdown.parse("""
                交叉注意力里，Q 来自目标序列，K、V 来自源序列。

                | | 交叉注意力 | 自注意力 |
                |---|---|---|
                | 输入来源 | Q 来自目标序列，K、V 来自源序列 | 目标序列 = 源序列 |
                | 应用场景 | 序列之间的关系（如机器翻译） | 序列内部的关系（如文本分类） |

                还是 x₁ = [1, 0]，x₂ = [0, 1]，x₃ = [1, 1]。
                """), image -> null);
        text.setStyle("-fx-font-size: 28px;");
        text.setPrefWidth(420);
        text.setMaxWidth(420);
        Scene scene = new Scene(new VBox(text), 420, 1400);
        scene.getStylesheets().add(MarkdownView.class.getResource("/org/attentionlab/ui/attention-lab.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void theParagraphAfterAWrappedTableStartsBelowIt() {
        WaitForAsyncUtils.waitForFxEvents();
        Node table = text.getChildren().get(1);
        Node after = text.getChildren().get(2);
        Node grid = ((javafx.scene.Parent) table).getChildrenUnmodifiable().get(0);
        Bounds drawn = table.localToScene(grid.getBoundsInParent());
        Bounds next = after.localToScene(after.getLayoutBounds());
        assertTrue(next.getMinY() >= drawn.getMaxY() - 0.5,
                "the table is drawn down to y = " + drawn.getMaxY() + " but the next paragraph starts at y = " + next.getMinY());
    }
}
