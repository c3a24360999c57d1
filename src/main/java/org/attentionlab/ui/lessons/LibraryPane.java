package org.attentionlab.ui.lessons;

import java.nio.file.Path;
import java.util.Locale;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.attentionlab.lesson.Lesson;
import org.attentionlab.lesson.LessonProblem;
import org.attentionlab.ui.I18n;

/**
 * The lesson library: one card per lesson folder with its title, summary and the student's
 * progress; a broken lesson lists its problems as FILE:LINE: message (the others still open).
 */
final class LibraryPane extends BorderPane {

    private final LessonPlayerViewModel vm;
    private final I18n i18n;
    private final Runnable openFolder;
    private final VBox cards = new VBox();
    private final Label folder = new Label();

    LibraryPane(LessonPlayerViewModel vm, I18n i18n, Runnable openFolder) {
        this.vm = vm;
        this.i18n = i18n;
        this.openFolder = openFolder;
        getStyleClass().add("lesson-library");
        setId("lesson-library");
        setTop(header());
        cards.getStyleClass().add("lesson-cards");
        cards.setFillWidth(true);
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("panel-scroll");
        scroll.setId("lesson-library-scroll");
        setCenter(scroll);
        vm.items().addListener((javafx.collections.ListChangeListener<LessonPlayerViewModel.Item>) c -> refresh());
        vm.libraryProblemProperty().addListener(o -> refresh());
        vm.loadingProperty().addListener(o -> refresh());
        i18n.localeProperty().addListener(o -> refresh());
        refresh();
    }

    private Node header() {
        Label title = new Label();
        title.textProperty().bind(i18n.text("lessons.title"));
        title.getStyleClass().add("view-title");
        Label intro = new Label();
        intro.textProperty().bind(i18n.text("lessons.intro"));
        intro.getStyleClass().add("hint");
        intro.setWrapText(true);
        folder.getStyleClass().add("hint");
        folder.setWrapText(true);
        Button open = new Button();
        open.textProperty().bind(i18n.text("lessons.openFolder"));
        open.setId("lesson-open-folder");
        open.setOnAction(e -> openFolder.run());
        open.setMinWidth(Region.USE_PREF_SIZE);
        VBox text = new VBox(title, intro, folder);
        text.getStyleClass().add("library-header-text");
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox box = new HBox(text, open);
        box.setAlignment(Pos.TOP_LEFT);
        box.getStyleClass().add("library-header");
        return box;
    }

    private void refresh() {
        Locale locale = i18n.getLocale();
        Path dir = vm.libraryFolderProperty().get();
        folder.setText(dir == null ? "" : i18n.format("lessons.folder", dir.toAbsolutePath().normalize()));
        cards.getChildren().clear();
        String problem = vm.libraryProblemProperty().get();
        if (!problem.isEmpty()) {
            Label l = new Label(problem.equals("none") ? i18n.get("lessons.noLibrary") : i18n.format("lessons.libraryProblem", problem));
            l.getStyleClass().add("error-text");
            l.setWrapText(true);
            l.setId("library-problem");
            cards.getChildren().add(l);
        }
        if (vm.loadingProperty().get() && vm.items().isEmpty()) {
            Label l = new Label(i18n.get("lessons.loading"));
            l.getStyleClass().add("hint");
            cards.getChildren().add(l);
        }
        for (LessonPlayerViewModel.Item item : vm.items()) {
            cards.getChildren().add(card(item, locale));
        }
    }

    private Node card(LessonPlayerViewModel.Item item, Locale locale) {
        VBox text = new VBox();
        text.getStyleClass().add("lesson-card-text");
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Label order = new Label();
        order.getStyleClass().add("lesson-order");
        order.setMinWidth(Region.USE_PREF_SIZE);
        HBox card = new HBox(order, text);
        card.getStyleClass().add("lesson-card");
        card.setAlignment(Pos.TOP_LEFT);
        if (item.lesson().isPresent()) {
            Lesson l = item.lesson().get();
            card.setId("lesson-card-" + l.id());
            order.setText(String.format(Locale.ROOT, "%02d", l.order()));
            Label title = new Label(l.title().get(locale));
            title.getStyleClass().add("lesson-title");
            title.setWrapText(true);
            Label summary = new Label(l.summary().get(locale));
            summary.getStyleClass().add("lesson-summary");
            summary.setWrapText(true);
            text.getChildren().addAll(title, summary);
            if (item.opened()) {
                Label from = new Label(i18n.format("lessons.openedFrom", item.folder().toAbsolutePath().normalize()));
                from.getStyleClass().add("hint");
                from.setWrapText(true);
                text.getChildren().add(from);
            }
            problems(item, text, "lesson-warning");
            LessonProgress.State p = item.progress();
            Label progress = new Label(p.done() ? i18n.get("lessons.progress.done")
                    : p.seen() == 0 ? i18n.format("lessons.progress.new", l.steps().size())
                    : i18n.format("lessons.progress.seen", p.seen(), l.steps().size()));
            progress.getStyleClass().addAll("lesson-progress", p.done() ? "done" : p.seen() == 0 ? "new" : "started");
            progress.setId("lesson-progress-" + l.id());
            progress.setMinWidth(Region.USE_PREF_SIZE);
            Button open = new Button(i18n.get(p.seen() == 0 || p.done() ? "lessons.start" : "lessons.resume"));
            open.getStyleClass().add("lesson-open");
            open.setId("lesson-open-" + l.id());
            open.setMinWidth(Region.USE_PREF_SIZE);
            open.setOnAction(e -> vm.open(l));
            VBox right = new VBox(progress, open);
            right.setAlignment(Pos.TOP_RIGHT);
            right.getStyleClass().add("lesson-card-side");
            card.getChildren().add(right);
            card.setOnMouseClicked(e -> {
                for (Node n = e.getTarget() instanceof Node t ? t : null; n != null && n != card; n = n.getParent()) {
                    if (n instanceof Button) {
                        return; // the button opens it
                    }
                }
                vm.open(l);
            });
        } else {
            card.setId("lesson-card-broken-" + item.name());
            card.getStyleClass().add("broken");
            order.setText("⚠");
            Label title = new Label(i18n.format("lessons.broken", item.name()));
            title.getStyleClass().add("lesson-title");
            title.setWrapText(true);
            text.getChildren().add(title);
            problems(item, text, "lesson-problem");
        }
        return card;
    }

    private void problems(LessonPlayerViewModel.Item item, VBox into, String style) {
        int shown = 0;
        for (LessonProblem p : item.problems()) {
            if (shown++ == 8) {
                Label more = new Label(i18n.format("lessons.moreProblems", item.problems().size() - 8));
                more.getStyleClass().add(style);
                into.getChildren().add(more);
                break;
            }
            Label l = new Label(shortPath(item.folder(), p));
            l.getStyleClass().add(style);
            l.setWrapText(true);
            into.getChildren().add(l);
        }
    }

    /** FILE:LINE: message with the file named from the lessons folder (04-cross-attention/lesson.yaml:37: …). */
    static String shortPath(Path lessonFolder, LessonProblem p) {
        Path parent = lessonFolder.toAbsolutePath().normalize().getParent();
        Path file = p.file().toAbsolutePath().normalize();
        String name = parent != null && file.startsWith(parent) ? parent.relativize(file).toString().replace('\\', '/') : file.toString();
        return name + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.message();
    }
}
