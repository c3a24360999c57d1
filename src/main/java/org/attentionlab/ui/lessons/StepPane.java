package org.attentionlab.ui.lessons;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.attentionlab.lesson.Figure;
import org.attentionlab.lesson.Lesson;
import org.attentionlab.lesson.Question;
import org.attentionlab.lesson.Step;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.widgets.Formula;
import org.attentionlab.ui.widgets.FormulaRenderer;

/**
 * The step panel: where the student reads the step (Markdown text, the formula, the figure) and
 * answers its question before the step reveals itself. It sits beside the step's view, or alone
 * on the player's page for a text step. Only binds to {@link LessonPlayerViewModel}.
 */
final class StepPane extends BorderPane {

    /** Images are decoded at most this wide (screen pixels × a margin for presenter zoom). */
    private static final double MAX_IMAGE_WIDTH = 2400;

    private final LessonPlayerViewModel vm;
    private final I18n i18n;
    private final UiExecutors executors;
    private final VBox content = new VBox();
    private final Label lessonTitle = new Label();
    private final Label counter = new Label();
    private final Formula formula;
    private final FitWidth formulaBox;
    private final Button back = new Button();
    private final Button next = new Button();
    private final Button showAnswer = new Button();
    private final ScrollPane scroll;

    StepPane(LessonPlayerViewModel vm, I18n i18n, Appearance appearance, FormulaRenderer formulas, UiExecutors executors) {
        this.vm = vm;
        this.i18n = i18n;
        this.executors = executors;
        getStyleClass().add("step-panel");
        setId("step-panel");
        formula = new Formula(formulas, executors);
        formula.setId("step-formula");
        formulaBox = new FitWidth(formula);
        content.getStyleClass().add("step-content");
        content.setFillWidth(true);
        scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("panel-scroll");
        scroll.setId("step-scroll");
        setCenter(scroll);
        setTop(header());
        setBottom(navigation());
        vm.stepProperty().addListener(o -> refresh());
        vm.revealedProperty().addListener(o -> refresh());
        vm.placementProperty().addListener(o -> refresh());
        i18n.localeProperty().addListener(o -> refresh());
        refresh();
    }

    private Node header() {
        lessonTitle.getStyleClass().add("step-lesson-title");
        lessonTitle.setWrapText(true);
        lessonTitle.setId("step-lesson-title");
        counter.getStyleClass().add("step-counter");
        counter.setId("step-counter");
        Button close = new Button("✕");
        close.setId("lesson-close");
        close.getStyleClass().add("lesson-close");
        close.setOnAction(e -> vm.close());
        close.setFocusTraversable(false);
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        tip.textProperty().bind(i18n.text("lessons.close"));
        close.setTooltip(tip);
        HBox.setHgrow(lessonTitle, Priority.ALWAYS);
        lessonTitle.setMaxWidth(Double.MAX_VALUE);
        HBox top = new HBox(lessonTitle, close);
        top.setAlignment(Pos.TOP_LEFT);
        VBox box = new VBox(top, counter);
        box.getStyleClass().add("step-header");
        return box;
    }

    private Node navigation() {
        back.textProperty().bind(i18n.text("lessons.back"));
        back.setId("step-back");
        back.disableProperty().bind(vm.hasPreviousProperty().not());
        back.setOnAction(e -> vm.previous());
        next.textProperty().bind(i18n.text("lessons.next"));
        next.setId("step-next");
        next.disableProperty().bind(vm.hasNextProperty().not());
        next.setOnAction(e -> vm.next());
        next.getStyleClass().add("step-next");
        showAnswer.textProperty().bind(i18n.text("lessons.showAnswer"));
        showAnswer.setId("step-reveal");
        showAnswer.visibleProperty().bind(vm.revealedProperty().not());
        showAnswer.managedProperty().bind(showAnswer.visibleProperty());
        showAnswer.setOnAction(e -> vm.reveal());
        for (Button b : List.of(back, next, showAnswer)) {
            b.setFocusTraversable(false); // arrow keys step the lesson; buttons must not take them
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox row = new HBox(back, spring, showAnswer, next);
        row.getStyleClass().add("step-nav");
        row.setAlignment(Pos.CENTER_LEFT);
        Label keys = new Label();
        keys.textProperty().bind(i18n.text("lessons.keys"));
        keys.getStyleClass().add("step-keys");
        keys.setWrapText(true);
        VBox box = new VBox(row, keys);
        box.getStyleClass().add("step-footer");
        return box;
    }

    /** Scrolls the step's text by {@code lines} lines (negative: up): ↑/↓ for a presenter whose text is longer than the screen. */
    void scrollLines(int lines) {
        double content = this.content.getLayoutBounds().getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        if (content > viewport) {
            double line = 1.5 * counter.getFont().getSize(); // the counter's font follows the root size
            scroll.setVvalue(Math.max(0, Math.min(1, scroll.getVvalue() + lines * line / (content - viewport))));
        }
    }

    /** Builds the panel for the current step, language and reveal state. */
    private void refresh() {
        Lesson lesson = vm.lessonProperty().get();
        Step step = vm.stepProperty().get();
        content.getChildren().clear();
        scroll.setVvalue(0);
        if (lesson == null || step == null) {
            lessonTitle.setText("");
            counter.setText("");
            formula.setLatex("");
            return;
        }
        Locale locale = i18n.getLocale();
        lessonTitle.setText(String.format(Locale.ROOT, "%02d  ", lesson.order()) + lesson.title().get(locale));
        counter.setText(i18n.format("lessons.stepOf", vm.stepIndexProperty().get() + 1, lesson.steps().size()));
        if (vm.placementProperty().get() == LessonPlayerViewModel.Placement.MISSING) {
            String problem = vm.viewProblemProperty().get();
            Label missing = new Label(problem.isEmpty() ? i18n.format("lessons.missingView", vm.missingViewProperty().get())
                    : i18n.format("lessons.viewFailed", vm.missingViewProperty().get(), problem));
            missing.getStyleClass().add("step-missing");
            missing.setWrapText(true);
            missing.setId("step-missing");
            content.getChildren().add(missing);
        }
        step.question().ifPresent(q -> content.getChildren().add(question(q, locale)));
        if (!vm.revealedProperty().get()) {
            Label hint = new Label(i18n.get("lessons.predictFirst"));
            hint.getStyleClass().add("hint");
            hint.setWrapText(true);
            content.getChildren().add(hint);
            formula.setLatex("");
            return;
        }
        VBox text = MarkdownView.render(Markdown.parse(step.text().get(locale)), img -> image(lesson.folder(), img.path(), img.alt()));
        text.setId("step-text");
        content.getChildren().add(text);
        formula.setLatex(step.formula().orElse(""));
        if (step.formula().isPresent()) {
            content.getChildren().add(formulaBox);
        }
        step.figure().ifPresent(f -> content.getChildren().add(figure(lesson, f, locale)));
    }

    private Node question(Question q, Locale locale) {
        VBox box = new VBox();
        box.getStyleClass().add("step-question");
        box.setId("step-question");
        Label prompt = new Label(q.prompt().get(locale));
        prompt.getStyleClass().add("question-prompt");
        prompt.setWrapText(true);
        box.getChildren().add(prompt);
        Integer chosen = vm.answerProperty().get();
        if (!vm.revealedProperty().get()) {
            for (int i = 0; i < q.choices().size(); i++) {
                int index = i;
                Button choice = new Button((i + 1) + "   " + q.choices().get(i).get(locale));
                choice.setId("choice-" + i);
                choice.getStyleClass().add("question-choice");
                choice.setWrapText(true);
                choice.setMaxWidth(Double.MAX_VALUE);
                choice.setAlignment(Pos.CENTER_LEFT);
                choice.setFocusTraversable(false);
                choice.setOnAction(e -> vm.answer(index));
                box.getChildren().add(choice);
            }
            return box;
        }
        // answered: the choices make room for the verdict, the explanation and the step itself
        String right = q.choices().get(q.answer()).get(locale);
        String verdict = chosen == null || chosen < 0 ? i18n.format("lessons.answerIs", right)
                : vm.answeredRight() ? i18n.format("lessons.right", right)
                : i18n.format("lessons.wrong", q.choices().get(chosen).get(locale), right);
        Label feedback = new Label(verdict);
        feedback.setId("question-feedback");
        feedback.getStyleClass().add(vm.answeredRight() ? "question-right" : "question-wrong");
        feedback.setWrapText(true);
        Node explanation = MarkdownView.render(Markdown.parse(q.explanation().get(locale)), img -> new Label(img.alt()));
        explanation.setId("question-explanation");
        box.getChildren().addAll(feedback, explanation);
        return box;
    }

    private Node figure(Lesson lesson, Figure f, Locale locale) {
        VBox box = new VBox();
        box.getStyleClass().add("step-figure");
        Path folder = lesson.folder();
        box.getChildren().add(image(folder, f.relative(), f.caption().get(locale)));
        Label caption = new Label(f.caption().get(locale));
        caption.getStyleClass().add("figure-caption");
        caption.setWrapText(true);
        box.getChildren().add(caption);
        return box;
    }

    /** An image of the lesson folder, read in the background; a file that cannot be shown says why. */
    private Node image(Path folder, String relative, String alt) {
        StackPane slot = new StackPane();
        slot.getStyleClass().add("lesson-image");
        slot.setAlignment(Pos.CENTER_LEFT);
        executors.background().execute(() -> {
            LessonImages.Loaded loaded = LessonImages.load(folder, relative, MAX_IMAGE_WIDTH);
            executors.fx().execute(() -> {
                if (loaded.image() != null) {
                    ImageView view = new ImageView(loaded.image());
                    view.setPreserveRatio(true);
                    view.setSmooth(true);
                    // never wider than the panel, never blown up beyond its own size
                    view.fitWidthProperty().bind(Bindings.createDoubleBinding(
                            () -> Math.min(loaded.image().getWidth(), Math.max(50, content.getWidth() - 8)), content.widthProperty()));
                    if (alt != null && !alt.isBlank()) {
                        javafx.scene.control.Tooltip.install(view, new javafx.scene.control.Tooltip(alt));
                    }
                    slot.getChildren().setAll(view);
                } else {
                    Label problem = new Label(i18n.format("lessons.imageProblem", loaded.problem()));
                    problem.getStyleClass().add("error-text");
                    problem.setWrapText(true);
                    slot.getChildren().setAll(problem);
                }
            });
        });
        return slot;
    }
}
