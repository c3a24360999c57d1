package org.attentionlab.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.text.Font;
import javafx.stage.Stage;

import org.attentionlab.Logging;
import org.attentionlab.io.AppDirs;
import org.attentionlab.io.DebouncedSaver;
import org.attentionlab.io.SettingsStore;
import org.attentionlab.ui.bleu.BleuView;
import org.attentionlab.ui.bleu.BleuViewModel;
import org.attentionlab.ui.mask.MaskView;
import org.attentionlab.ui.mask.MaskViewModel;
import org.attentionlab.ui.pe.PeView;
import org.attentionlab.ui.pe.PeViewModel;
import org.attentionlab.ui.embedding.EmbeddingView;
import org.attentionlab.ui.embedding.EmbeddingViewModel;
import org.attentionlab.ui.model.ModelLoader;
import org.attentionlab.ui.model.ModelView;
import org.attentionlab.ui.model.ModelViewModel;
import org.attentionlab.ui.model.OpenModelAction;
import org.attentionlab.ui.multihead.MultiHeadView;
import org.attentionlab.ui.multihead.MultiHeadViewModel;
import org.attentionlab.ui.lessons.LessonPlayer;
import org.attentionlab.ui.qkv.QkvAutosave;
import org.attentionlab.ui.qkv.QkvView;
import org.attentionlab.ui.qkv.QkvViewModel;
import org.attentionlab.ui.shell.CjkFonts;
import org.attentionlab.ui.shell.CrashReporter;
import org.attentionlab.ui.shell.MainWindow;
import org.attentionlab.ui.shell.Page;
import org.attentionlab.ui.shell.ShellViewModel;
import org.attentionlab.ui.crossattention.CrossAttentionView;
import org.attentionlab.ui.crossattention.CrossAttentionViewModel;
import org.attentionlab.ui.crossattention.ShippedModels;
import org.attentionlab.ui.decoding.DecodingView;
import org.attentionlab.ui.decoding.DecodingViewModel;
import org.attentionlab.ui.decoding.HeldOutSet;
import org.attentionlab.ui.training.TrainingView;
import org.attentionlab.ui.training.TrainingViewModel;
import org.attentionlab.ui.tokenizer.TokenizerView;
import org.attentionlab.ui.tokenizer.TokenizerViewModel;
import org.attentionlab.ui.widgets.FormulaRenderer;

/**
 * The composition root of the desktop app: makes the one engine thread, the strings, the
 * appearance, every view-model and view, and hands each what it needs through its constructor.
 * Nothing else in the UI creates services or holds global state.
 */
public final class AttentionLabApp extends Application {

    /** The folder beside the settings file where views autosave the user's work. */
    public static final String AUTOSAVE_FOLDER = "autosave";
    private static final Duration SAVE_DELAY = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(AttentionLabApp.class.getName());

    private ExecutorService engineThread;
    private Ui ui;

    /** Called by {@code Main} with no arguments. */
    public static void launchApp(String[] args) {
        Application.launch(AttentionLabApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        I18n i18n = new I18n(Locale.getDefault());
        AppDirs dirs = AppDirs.forCurrentUser();
        Path logFile = Logging.logToFolder(dirs.logs());
        new CrashReporter(i18n, logFile, Platform::runLater).install();
        engineThread = newEngineThread();
        FirstFrameGate engine = new FirstFrameGate(engineThread); // ND4J loads after the window is painted
        UiExecutors executors = new UiExecutors(engine, Platform::runLater);
        SettingsStore settings = SettingsStore.open(dirs.settings());
        FormulaRenderer formulas = new FormulaRenderer(CjkFonts.choose(Font.getFamilies()).orElse(null));
        Ui ui = compose(new Services(i18n, new Appearance(), new Nd4jEngineService(), executors, formulas, settings));
        ui.window().attach(stage);
        stage.setMaximized(true);
        stage.show();
        ui.shell().loadBackend();
        ui.shell().show(LessonPlayer.PAGE_ID); // a class starts from the lesson library
        this.ui = ui;
        // jlatexmath loads its fonts on first use (about a second): pay that now, off the FX thread
        executors.background().execute(formulas::warmUp);
        engine.openAfterFirstFrame();
        org.attentionlab.ui.bench.FirstFrameProbe.installIfRequested(stage, ui.shell().backendStateProperty());
    }

    @Override
    public void stop() {
        if (ui != null) {
            ui.saveNow(); // what waits to be saved is written before the JVM ends
        }
        if (engineThread != null) {
            engineThread.shutdownNow();
        }
    }

    /** The single background thread all engine work runs on (a daemon: it never keeps the JVM alive). */
    public static ExecutorService newEngineThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "attention-lab-engine");
            t.setDaemon(true);
            return t;
        });
    }

    /** The built window, its view-model, the lesson player, and the savers of the user's settings and work. */
    public record Ui(MainWindow window, ShellViewModel shell, LessonPlayer lessons, List<DebouncedSaver> savers) {
        public Ui {
            savers = List.copyOf(savers);
        }

        /** Writes every waiting save now (the app calls it when it closes). */
        public void saveNow() {
            savers.forEach(DebouncedSaver::flush);
        }
    }

    /**
     * Builds the object graph with settings kept in memory. Must run on the FX thread. Tests call
     * it directly with their own engine and executors.
     */
    public static Ui compose(I18n i18n, Appearance appearance, EngineService engine, UiExecutors executors) {
        return compose(Services.inMemory(i18n, appearance, engine, executors, CjkFonts.choose(Font.getFamilies()).orElse(null)));
    }

    /** Builds the object graph: every view-model and view, in navigation order. Must run on the FX thread. */
    public static Ui compose(Services services) {
        I18n i18n = services.i18n();
        Appearance appearance = services.appearance();
        EngineService engine = services.engine();
        UiExecutors executors = services.executors();
        // --- robustness: the user's settings and work are put back, then saved after each change
        SettingsStore settings = services.settings();
        List<DebouncedSaver> savers = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        settings.notice().ifPresent(n -> notices.add(i18n.format("shell.notice.settings", n)));
        UserSettings.restore(settings, appearance, i18n);
        Optional<Path> autosaveDir = settings.file().map(f -> f.toAbsolutePath().getParent().resolve(AUTOSAVE_FOLDER));
        if (settings.file().isPresent()) {
            DebouncedSaver settingsSaver = new DebouncedSaver("attention-lab-settings-saver", SAVE_DELAY,
                    e -> LOG.log(Level.WARNING, "the settings could not be saved", e));
            UserSettings.saveOnChange(settings, appearance, i18n, settingsSaver);
            savers.add(settingsSaver);
        }
        // ---
        List<Page> pages = new ArrayList<>();
        QkvViewModel qkv = new QkvViewModel(engine, executors);
        autosaveDir.ifPresent(dir -> {
            DebouncedSaver saver = new DebouncedSaver("attention-lab-qkv-autosave", SAVE_DELAY,
                    e -> LOG.log(Level.WARNING, "the Q/K/V work could not be autosaved", e));
            new QkvAutosave(qkv, dir.resolve(QkvAutosave.FILE_NAME), saver).start()
                    .ifPresent(n -> notices.add(i18n.format("shell.notice.autosave", n)));
            savers.add(saver);
        });
        pages.add(new Page("qkv", "nav.qkv", () -> new QkvView(qkv, services)));
        // --- multi-head and real models (one loaded BERT checkpoint shared by both views)
        ModelLoader models = new ModelLoader(engine, executors);
        MultiHeadViewModel multihead = new MultiHeadViewModel(engine, executors, models.modelProperty());
        pages.add(new Page("multihead", "nav.multihead", () -> new MultiHeadView(multihead, services)));
        ModelViewModel model = new ModelViewModel(executors, models);
        // the action needs the window and the shell, which need the pages: the page is built later, on first show
        java.util.concurrent.atomic.AtomicReference<OpenModelAction> openModel = new java.util.concurrent.atomic.AtomicReference<>();
        pages.add(new Page("model", "nav.model", () -> new ModelView(model, services, openModel.get())));
        // positional encoding and masks (issue 3, views 3 and 4)
        PeViewModel pe = new PeViewModel(executors);
        pages.add(new Page("pe", "nav.pe", () -> new PeView(pe, services)));
        MaskViewModel mask = new MaskViewModel(executors);
        pages.add(new Page("mask", "nav.mask", () -> new MaskView(mask, services)));
        TokenizerViewModel tokenizer = new TokenizerViewModel(executors);
        pages.add(new Page("tokenizer", "nav.tokenizer", () -> new TokenizerView(tokenizer, i18n, appearance)));
        // a model opened with File → Open model brings its own vocabulary to the tokenizer view
        models.modelProperty().addListener((obs, old, now) -> {
            if (now != null) {
                tokenizer.openVocabulary(now.folder().resolve(org.attentionlab.io.BertCheckpoint.VOCAB));
                tokenizer.casedProperty().set(!now.tokenizer().lowerCase());
            }
        });
        pages.add(new Page("embedding", "nav.embedding",
                () -> new EmbeddingView(new EmbeddingViewModel(engine, executors, models.modelProperty()), i18n, appearance)));
        BleuViewModel bleu = new BleuViewModel(executors);
        pages.add(new Page("bleu", "nav.bleu", () -> new BleuView(bleu, i18n, appearance, services.formulas(), executors)));
        // --- training, cross-attention, decoding (branch trainview): training has a thread of its own;
        // the shipped translators run on the engine thread (a Translator is not thread-safe)
        TrainingViewModel training = new TrainingViewModel(executors, TrainingViewModel.newTrainingThread());
        pages.add(new Page("training", "nav.training", () -> new TrainingView(training, services)));
        ShippedModels shippedModels = new ShippedModels();
        CrossAttentionViewModel crossAttention = new CrossAttentionViewModel(executors, shippedModels);
        pages.add(new Page("cross-attention", "nav.crossAttention", () -> new CrossAttentionView(crossAttention, services)));
        DecodingViewModel decoding = new DecodingViewModel(executors, shippedModels, new HeldOutSet());
        pages.add(new Page("decoding", "nav.decoding", () -> new DecodingView(decoding, services)));
        // ---
        LessonPlayer lessons = new LessonPlayer(services, LessonPlayer.defaultLibrary());
        pages.add(0, lessons.page());
        ShellViewModel shell = new ShellViewModel(i18n, appearance, engine, executors, pages);
        MainWindow window = new MainWindow(shell, CjkFonts.choose(Font.getFamilies()).orElse(null));
        openModel.set(new OpenModelAction(i18n, models, services.settings(), executors, () -> window.scene().getWindow(),
                () -> shell.show("model")));
        window.addFileMenuItems(openModel.get().menuItem());
        model.openerProperty().set((text, pair, layer, head, hide) -> {
            multihead.showModelHead(text, pair, layer, head, hide);
            shell.show("multihead");
        });
        models.errorProperty().addListener((obs, old, now) -> {
            if (now != null) {
                shell.showNotice(i18n.format(now.key(), now.args().toArray()));
            }
        });
        lessons.attach(shell, window);
        // the decoding view's finished translation and its reference go to the BLEU view
        decoding.bleuTargetProperty().set((candidate, reference) -> {
            bleu.applyState(org.attentionlab.lesson.StateMap.of(java.util.Map.of(
                    "candidate", new org.attentionlab.lesson.StateValue.Text(candidate),
                    "references", new org.attentionlab.lesson.StateValue.Texts(List.of(reference)))));
            shell.show("bleu");
        });
        if (!notices.isEmpty()) {
            // the notice bar shows once the window is on screen: after the caller attached it
            executors.fx().execute(() -> shell.showNotice(String.join("\n", notices)));
        }
        return new Ui(window, shell, lessons, savers);
    }
}
