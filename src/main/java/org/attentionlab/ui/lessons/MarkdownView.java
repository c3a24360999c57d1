package org.attentionlab.ui.lessons;

import java.util.List;
import java.util.function.Function;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import org.attentionlab.ui.lessons.Markdown.Block;
import org.attentionlab.ui.lessons.Markdown.Span;

/**
 * Draws {@link Markdown} blocks with plain JavaFX nodes (text flows, a grid for tables): no
 * WebView, no HTML engine, nothing fetched. Sizes and colours come from the stylesheet
 * ({@code .markdown} and {@code .md-*} classes) and follow the root font size, so presenter mode
 * scales lesson text with everything else.
 */
final class MarkdownView {

    private MarkdownView() {
    }

    /**
     * The blocks as one node.
     *
     * @param images makes the node of an image block (the lesson's loader: it checks the path and size)
     */
    static VBox render(List<Block> blocks, Function<Markdown.Image, Node> images) {
        VBox box = new VBox();
        box.getStyleClass().add("markdown");
        for (Block b : blocks) {
            box.getChildren().add(block(b, images));
        }
        return box;
    }

    private static Node block(Block b, Function<Markdown.Image, Node> images) {
        if (b instanceof Markdown.Paragraph p) {
            TextFlow f = flow(p.spans());
            f.getStyleClass().add(p.quote() ? "md-quote" : "md-paragraph");
            return f;
        }
        if (b instanceof Markdown.Heading h) {
            TextFlow f = flow(h.spans());
            f.getStyleClass().addAll("md-heading", "md-h" + Math.min(3, h.level()));
            return f;
        }
        if (b instanceof Markdown.ListBlock l) {
            VBox list = new VBox();
            list.getStyleClass().add("md-list");
            for (Markdown.Item it : l.items()) {
                Label marker = new Label(it.marker());
                marker.getStyleClass().add("md-marker");
                marker.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                TextFlow f = flow(it.spans());
                HBox.setHgrow(f, Priority.ALWAYS);
                HBox row = new HBox(marker, f);
                row.getStyleClass().add("md-item");
                row.setPadding(new Insets(0, 0, 0, it.level() * 24));
                list.getChildren().add(row);
            }
            return list;
        }
        if (b instanceof Markdown.Table t) {
            GridPane grid = new GridPane();
            grid.getStyleClass().add("md-table");
            int cols = t.columns();
            for (int c = 0; c < cols; c++) {
                ColumnConstraints cc = new ColumnConstraints();
                cc.setHgrow(Priority.SOMETIMES);
                grid.getColumnConstraints().add(cc);
                grid.add(cell(c < t.header().size() ? t.header().get(c) : List.of(), "md-header-cell"), c, 0);
            }
            for (int r = 0; r < t.rows().size(); r++) {
                List<List<Span>> row = t.rows().get(r);
                for (int c = 0; c < cols; c++) {
                    grid.add(cell(c < row.size() ? row.get(c) : List.of(), "md-cell"), c, r + 1);
                }
            }
            grid.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            return new FitWidth(grid); // cells wrap first; a table still too wide shrinks to the panel
        }
        if (b instanceof Markdown.Code c) {
            Label code = new Label(c.text());
            code.getStyleClass().add("md-code-block");
            code.setWrapText(true);
            return code;
        }
        return images.apply((Markdown.Image) b);
    }

    private static Node cell(List<Span> spans, String style) {
        TextFlow f = new CellFlow();
        fill(f, spans);
        StackPane p = new StackPane(f);
        p.getStyleClass().add(style);
        p.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return p;
    }

    /** One text flow; every run is a Text node with its style classes. */
    static TextFlow flow(List<Span> spans) {
        TextFlow f = new TextFlow();
        fill(f, spans);
        return f;
    }

    private static void fill(TextFlow f, List<Span> spans) {
        for (Span s : spans) {
            Text t = new Text(s.text());
            t.getStyleClass().add("md-text");
            if (s.bold()) {
                t.getStyleClass().add("md-bold");
            }
            if (s.italic()) {
                t.getStyleClass().add("md-italic");
            }
            if (s.code()) {
                t.getStyleClass().add("md-code");
            }
            f.getChildren().add(t);
        }
    }

    /**
     * A table cell: it wraps between words (or between Chinese characters) but never inside a
     * word, so a narrow table column reads "weather", not "weathe / r".
     */
    static final class CellFlow extends TextFlow {
        @Override
        protected double computeMinWidth(double height) {
            double widest = 0;
            for (Node n : getChildren()) {
                if (n instanceof Text t) {
                    widest = Math.max(widest, widestPiece(t.getText(), t.getFont()));
                }
            }
            return Math.ceil(widest) + snappedLeftInset() + snappedRightInset();
        }

        private static double widestPiece(String text, javafx.scene.text.Font font) {
            java.text.BreakIterator lines = java.text.BreakIterator.getLineInstance();
            lines.setText(text);
            Text probe = new Text();
            probe.setFont(font);
            double widest = 0;
            int start = lines.first();
            for (int end = lines.next(); end != java.text.BreakIterator.DONE; start = end, end = lines.next()) {
                probe.setText(text.substring(start, end).strip());
                widest = Math.max(widest, probe.getLayoutBounds().getWidth());
            }
            return widest;
        }
    }
}
