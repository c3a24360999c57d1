package org.attentionlab.ui.lessons;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.attentionlab.lesson.Lesson;
import org.attentionlab.lesson.Step;
import org.attentionlab.ui.I18n;

/**
 * The teacher's window in presenter mode, meant for the laptop screen while the main window fills
 * the projector: the current step with the answer to its question, the teacher's notes, the next
 * step, a timer for the step and for the lesson, and the step keys (a clicker works in either
 * window). Opens on a screen other than the main window's when there is one.
 */
final class TeacherWindow {

    /** The teacher reads at arm's length: a fixed, comfortable size, whatever the projector's size is. */
    static final double FONT_SIZE = 20;

    private final LessonPlayerViewModel vm;
    private final I18n i18n;
    private final String fontFamily;
    private final String stylesheet;
    private final java.util.function.Consumer<Scene> keys;
    private final Label title = new Label();
    private final Label timer = new Label();
    private final VBox now = new VBox();
    private final VBox notes = new VBox();
    private final VBox upcoming = new VBox();
    private final Timeline tick;
    private Stage stage;

    TeacherWindow(LessonPlayerViewModel vm, I18n i18n, String fontFamily, String stylesheet,
                  java.util.function.Consumer<Scene> keys) {
        this.vm = vm;
        this.i18n = i18n;
        this.fontFamily = fontFamily;
        this.stylesheet = stylesheet;
        this.keys = keys;
        tick = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> updateTimer()));
        tick.setCycleCount(Timeline.INDEFINITE);
        vm.stepProperty().addListener(o -> refresh());
        vm.revealedProperty().addListener(o -> refresh());
        vm.lessonProperty().addListener(o -> refresh());
        i18n.localeProperty().addListener(o -> refresh());
    }

    boolean isShowing() {
        return stage != null && stage.isShowing();
    }

    /** The window's scene (for tests), or null before it first opens. */
    Scene scene() {
        return stage == null ? null : stage.getScene();
    }

    /** Opens the window: on a screen other than {@code main}'s when there is one, else beside it. */
    void show(Window main) {
        if (stage == null) {
            stage = build();
            if (main != null) {
                stage.initOwner(main);
            }
        }
        Screen other = otherScreen(main);
        if (other != null) {
            Rectangle2D b = other.getVisualBounds();
            stage.setX(b.getMinX());
            stage.setY(b.getMinY());
            stage.setWidth(b.getWidth());
            stage.setHeight(b.getHeight());
        } else {
            stage.setWidth(1280);
            stage.setHeight(800);
        }
        refresh();
        stage.show();
        tick.play();
    }

    void hide() {
        tick.stop();
        if (stage != null) {
            stage.hide();
        }
    }

    /** A screen the main window is not on, or null with one screen. */
    static Screen otherScreen(Window main) {
        if (Screen.getScreens().size() < 2) {
            return null;
        }
        Screen mine = main == null ? Screen.getPrimary()
                : Screen.getScreensForRectangle(main.getX(), main.getY(), Math.max(1, main.getWidth()), Math.max(1, main.getHeight()))
                        .stream().findFirst().orElse(Screen.getPrimary());
        return Screen.getScreens().stream().filter(s -> !s.equals(mine)).findFirst().orElse(null);
    }

    private Stage build() {
        Stage s = new Stage();
        s.titleProperty().bind(i18n.text("lessons.teacher.title"));
        title.getStyleClass().add("teacher-title");
        title.setWrapText(true);
        title.setId("teacher-title");
        timer.getStyleClass().add("teacher-timer");
        timer.setId("teacher-timer");
        timer.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(title, Priority.ALWAYS);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox top = new HBox(title, timer);
        top.getStyleClass().add("teacher-top");
        top.setAlignment(Pos.CENTER_LEFT);

        now.getStyleClass().add("teacher-column");
        now.setId("teacher-now");
        notes.getStyleClass().addAll("teacher-column", "teacher-notes");
        notes.setId("teacher-notes");
        upcoming.getStyleClass().add("teacher-column");
        upcoming.setId("teacher-next");
        VBox side = new VBox(notes, upcoming);
        side.getStyleClass().add("teacher-side");
        ScrollPane left = scroll(now);
        ScrollPane right = scroll(side);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        left.setPrefWidth(10);
        right.setPrefWidth(10);
        HBox middle = new HBox(left, right);
        middle.getStyleClass().add("teacher-middle");

        Button back = new Button();
        back.textProperty().bind(i18n.text("lessons.back"));
        back.disableProperty().bind(vm.hasPreviousProperty().not());
        back.setOnAction(e -> vm.previous());
        Button reveal = new Button();
        reveal.textProperty().bind(i18n.text("lessons.showAnswer"));
        reveal.visibleProperty().bind(vm.revealedProperty().not());
        reveal.setOnAction(e -> vm.reveal());
        Button next = new Button();
        next.textProperty().bind(i18n.text("lessons.next"));
        next.disableProperty().bind(vm.hasNextProperty().not());
        next.setOnAction(e -> vm.next());
        for (Button b : new Button[] {back, reveal, next}) {
            b.setFocusTraversable(false);
        }
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox bottom = new HBox(back, spring, reveal, next);
        bottom.getStyleClass().add("teacher-bottom");

        BorderPane root = new BorderPane(middle, top, null, bottom, null);
        root.getStyleClass().add("teacher-window");
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().addAll(stylesheet, fontSheet());
        keys.accept(scene);
        s.setScene(scene);
        s.setOnHidden(e -> tick.stop());
        return s;
    }

    private String fontSheet() {
        String css = ".root { -fx-font-size: " + Math.round(FONT_SIZE) + "px;"
                + (fontFamily == null ? "" : " -fx-font-family: \"" + fontFamily.replace("\"", "") + "\";") + " }\n";
        return "data:text/css;base64," + Base64.getEncoder().encodeToString(css.getBytes(StandardCharsets.UTF_8));
    }

    private static ScrollPane scroll(Node content) {
        ScrollPane s = new ScrollPane(content);
        s.setFitToWidth(true);
        s.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        s.getStyleClass().add("panel-scroll");
        return s;
    }

    private void refresh() {
        if (stage == null) {
            return;
        }
        Locale locale = i18n.getLocale();
        Lesson lesson = vm.lessonProperty().get();
        Step step = vm.stepProperty().get();
        now.getChildren().clear();
        notes.getChildren().clear();
        upcoming.getChildren().clear();
        if (lesson == null || step == null) {
            title.setText(i18n.get("lessons.teacher.noLesson"));
            updateTimer();
            return;
        }
        title.setText(String.format(Locale.ROOT, "%02d  ", lesson.order()) + lesson.title().get(locale) + "   ·   "
                + i18n.format("lessons.stepOf", vm.stepIndexProperty().get() + 1, lesson.steps().size()));

        now.getChildren().add(heading(i18n.format("lessons.teacher.now", step.id(), view(step))));
        step.question().ifPresent(q -> {
            Label qa = new Label(q.prompt().get(locale) + "\n→ " + q.choices().get(q.answer()).get(locale)
                    + (vm.revealedProperty().get() ? "" : "   (" + i18n.get("lessons.teacher.notRevealed") + ")"));
            qa.getStyleClass().add("teacher-answer");
            qa.setWrapText(true);
            qa.setId("teacher-answer");
            now.getChildren().add(qa);
        });
        now.getChildren().add(MarkdownView.render(Markdown.parse(step.text().get(locale)), img -> new Label("[" + img.alt() + "]")));

        notes.getChildren().add(heading(i18n.get("lessons.teacher.notes")));
        if (step.notes().isPresent()) {
            notes.getChildren().add(MarkdownView.render(Markdown.parse(step.notes().get().get(locale)),
                    img -> new Label("[" + img.alt() + "]")));
        } else {
            Label none = new Label(i18n.get("lessons.teacher.noNotes"));
            none.getStyleClass().add("hint");
            notes.getChildren().add(none);
        }

        Step following = vm.nextStep();
        if (following == null) {
            upcoming.getChildren().add(heading(i18n.get("lessons.teacher.last")));
        } else {
            upcoming.getChildren().add(heading(i18n.format("lessons.teacher.next", following.id(), view(following))));
            String preview = Markdown.plain(Markdown.parse(following.text().get(locale)));
            Label p = new Label(preview.length() > 400 ? preview.substring(0, 400) + " …" : preview);
            p.setWrapText(true);
            p.getStyleClass().add("teacher-preview");
            upcoming.getChildren().add(p);
        }
        updateTimer();
    }

    private String view(Step s) {
        return s.view().equals("text") ? i18n.get("lessons.teacher.textOnly") : s.view();
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        l.setWrapText(true);
        return l;
    }

    private void updateTimer() {
        Instant step = vm.stepStartedProperty().get();
        Instant lesson = vm.lessonStartedProperty().get();
        if (step == null || lesson == null || vm.lessonProperty().get() == null) {
            timer.setText("");
            return;
        }
        Instant now = vm.clock().instant();
        timer.setText(i18n.format("lessons.teacher.timer", clock(Duration.between(step, now)), clock(Duration.between(lesson, now))));
    }

    /** m:ss, or h:mm:ss past an hour. */
    static String clock(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
