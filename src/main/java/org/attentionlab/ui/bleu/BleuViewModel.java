package org.attentionlab.ui.bleu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import org.attentionlab.bleu.BleuComparison;
import org.attentionlab.bleu.BleuConfig;
import org.attentionlab.bleu.BleuTokenizer;
import org.attentionlab.bleu.MatchDetails;
import org.attentionlab.bleu.NgramMatch;
import org.attentionlab.bleu.NltkSmoothing;
import org.attentionlab.bleu.Smoothing;
import org.attentionlab.io.SegmentFile;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.ui.LatestOnly;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.UiExecutors;

/**
 * The BLEU view's state (Papineni et al. 2002; Post 2018): a candidate and its references (or a
 * hypothesis file and reference files), the tokenizer, the smoothing, the implementation in
 * focus, the n-gram order in focus and the selected n-gram; and what they give, as one immutable
 * {@link BleuAnalysis} plus the highlighted tokens derived from it.
 *
 * <p>Every change of the input sends a request to the background executor (a newer one
 * supersedes an older one; files are read there too); the result lands on the FX executor.
 * Choosing an order or an n-gram only re-derives the highlighting, on the FX thread. Nothing here
 * knows the view; tests drive it with synchronous executors.
 *
 * <p>Lesson state ({@link #applyState}): {@code candidate}, {@code references}, {@code tokenize},
 * {@code smooth}, {@code order}, {@code mode}, {@code nltkSmoothing}, {@code effectiveOrder},
 * {@code ngram}, {@code candidates}, {@code candidateLabels}; absent keys take the defaults (the
 * lecture's worked example, 13a, exp, sacreBLEU, order 1).
 */
public final class BleuViewModel {

    /** Longest token list the view lays out as coloured tokens (the numbers use every token). */
    public static final int MAX_SHOWN_TOKENS = 400;
    /** Most reference boxes. */
    public static final int MAX_REFERENCES = 16;
    /** N: the view explains BLEU-4. */
    public static final int MAX_ORDER = 4;

    /** What the background computes: the analysis and, for the lecture's example, its correction. */
    record Result(BleuAnalysis analysis, WorkedExampleNote note, Message stateProblem) {
    }

    /** A problem with the input, shown instead of a result. */
    static final class InputProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Message message;

        InputProblem(Message message) {
            super(message.key(), null, false, false);
            this.message = message;
        }
    }

    /** Everything one computation needs, copied off the FX thread's properties. */
    record Request(BleuLevel level, String candidate, List<String> references, List<NamedCandidate> candidates,
                   BleuConfig config, NltkSmoothing nltk, BleuMode mode, Path hypothesisFile, List<Path> referenceFiles,
                   int segment, Message stateProblem) {
    }

    private final LatestOnly latest;

    private final ObjectProperty<BleuLevel> level = new SimpleObjectProperty<>(this, "level", BleuLevel.SENTENCE);
    private final StringProperty candidate = new SimpleStringProperty(this, "candidate", "");
    private final ObservableList<StringProperty> references = FXCollections.observableArrayList();
    private final ObservableList<NamedCandidate> candidates = FXCollections.observableArrayList();
    private final ObjectProperty<BleuMode> mode = new SimpleObjectProperty<>(this, "mode", BleuMode.SACREBLEU);
    private final ObjectProperty<BleuTokenizer> tokenizer = new SimpleObjectProperty<>(this, "tokenizer", BleuTokenizer.V13A);
    private final ObjectProperty<Smoothing> smoothing = new SimpleObjectProperty<>(this, "smoothing", Smoothing.EXP);
    private final ObjectProperty<NltkSmoothing.Method> nltkSmoothing =
            new SimpleObjectProperty<>(this, "nltkSmoothing", NltkSmoothing.Method.METHOD0);
    private final BooleanProperty effectiveOrder = new SimpleBooleanProperty(this, "effectiveOrder", true);
    private final IntegerProperty order = new SimpleIntegerProperty(this, "order", 1);
    private final ObjectProperty<List<String>> selectedNgram = new SimpleObjectProperty<>(this, "selectedNgram");
    private final ObjectProperty<Path> hypothesisFile = new SimpleObjectProperty<>(this, "hypothesisFile");
    private final ObservableList<Path> referenceFiles = FXCollections.observableArrayList();
    private final IntegerProperty segment = new SimpleIntegerProperty(this, "segment", 1);

    private final ReadOnlyObjectWrapper<BleuAnalysis> analysis = new ReadOnlyObjectWrapper<>(this, "analysis");
    private final ReadOnlyObjectWrapper<WorkedExampleNote> workedExampleNote = new ReadOnlyObjectWrapper<>(this, "workedExampleNote");
    private final ReadOnlyObjectWrapper<Message> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyObjectWrapper<List<Message>> notices = new ReadOnlyObjectWrapper<>(this, "notices", List.of());
    private final ReadOnlyObjectWrapper<List<TokenSpan>> candidateSpans = new ReadOnlyObjectWrapper<>(this, "candidateSpans", List.of());
    private final ReadOnlyObjectWrapper<List<List<TokenSpan>>> referenceSpans =
            new ReadOnlyObjectWrapper<>(this, "referenceSpans", List.of());
    private final ReadOnlyObjectWrapper<List<NgramMatch>> ngramRows = new ReadOnlyObjectWrapper<>(this, "ngramRows", List.of());

    private final ChangeListener<String> referenceTextListener = (obs, old, now) -> schedule();
    private int suspended;
    private boolean dirty;
    /** An n-gram a lesson asked for, looked up when the result arrives. */
    private List<String> pendingNgram;
    /** A problem with the lesson state (valid types, impossible combination), shown with the next result only. */
    private Message stateProblem;
    /** Files read in the background, by path, with the stamp they were read at. */
    private final Map<Path, CachedFile> fileCache = new HashMap<>();
    /** The last corpus comparison, so that choosing another segment does not recount the corpus. */
    private volatile CachedCorpus corpusCache;

    private record FileStamp(Path path, long size, long modified) {
    }

    private record CachedFile(FileStamp stamp, List<String> lines) {
    }

    private record CachedCorpus(List<FileStamp> stamps, BleuConfig config, NltkSmoothing nltk, BleuComparison comparison,
                                List<String> hypotheses, List<List<String>> streams) {
    }

    public BleuViewModel(UiExecutors executors) {
        this.latest = new LatestOnly(Objects.requireNonNull(executors, "executors"));
        candidate.addListener((obs, old, now) -> schedule());
        references.addListener((ListChangeListener<StringProperty>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(p -> p.removeListener(referenceTextListener));
                c.getAddedSubList().forEach(p -> p.addListener(referenceTextListener));
            }
            schedule();
        });
        candidates.addListener((ListChangeListener<NamedCandidate>) c -> schedule());
        // sacreBLEU's defaults: effective order for a sentence, not for a corpus
        level.addListener((obs, old, now) -> effectiveOrder.set(now == BleuLevel.SENTENCE));
        for (var p : List.of(level, mode, tokenizer, smoothing, nltkSmoothing, hypothesisFile)) {
            p.addListener((obs, old, now) -> schedule());
        }
        effectiveOrder.addListener((obs, old, now) -> schedule());
        referenceFiles.addListener((ListChangeListener<Path>) c -> schedule());
        segment.addListener((obs, old, now) -> schedule());
        order.addListener((obs, old, now) -> {
            if (selectedNgram.get() != null && selectedNgram.get().size() != now.intValue()) {
                selectedNgram.set(null);
            }
            refreshSpans();
        });
        selectedNgram.addListener((obs, old, now) -> refreshSpans());
        batch(this::loadWorkedExample);
    }

    // ------------------------------------------------------------------------------ properties

    public ObjectProperty<BleuLevel> levelProperty() {
        return level;
    }

    /** The candidate (machine) translation. */
    public StringProperty candidateProperty() {
        return candidate;
    }

    /** One text per reference box; blank boxes are skipped. */
    public ObservableList<StringProperty> references() {
        return references;
    }

    /** Further candidates ranked against the same references (the <i>Youth</i> translations). */
    public ObservableList<NamedCandidate> candidates() {
        return candidates;
    }

    public ObjectProperty<BleuMode> modeProperty() {
        return mode;
    }

    public ObjectProperty<BleuTokenizer> tokenizerProperty() {
        return tokenizer;
    }

    /** sacreBLEU's smoothing. */
    public ObjectProperty<Smoothing> smoothingProperty() {
        return smoothing;
    }

    public ObjectProperty<NltkSmoothing.Method> nltkSmoothingProperty() {
        return nltkSmoothing;
    }

    /**
     * sacreBLEU's effective order: on for a sentence (as its sentence_bleu), off for a corpus (as
     * its corpus_bleu); switching the level resets it to that default.
     */
    public BooleanProperty effectiveOrderProperty() {
        return effectiveOrder;
    }

    /** The n-gram order in focus, 1–4. */
    public IntegerProperty orderProperty() {
        return order;
    }

    /** The selected candidate n-gram (its tokens), or null. */
    public ObjectProperty<List<String>> selectedNgramProperty() {
        return selectedNgram;
    }

    public ReadOnlyObjectProperty<Path> hypothesisFileProperty() {
        return hypothesisFile;
    }

    public ObservableList<Path> referenceFiles() {
        return referenceFiles;
    }

    /** The corpus segment whose n-grams are shown, 1-based. */
    public IntegerProperty segmentProperty() {
        return segment;
    }

    public ReadOnlyObjectProperty<BleuAnalysis> analysisProperty() {
        return analysis.getReadOnlyProperty();
    }

    /** The correction of the lecture's worked example, when that example is the input; else null. */
    public ReadOnlyObjectProperty<WorkedExampleNote> workedExampleNoteProperty() {
        return workedExampleNote.getReadOnlyProperty();
    }

    /** What is wrong with the input (file, line, field), or null. */
    public ReadOnlyObjectProperty<Message> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Things worth knowing about the numbers shown (only the first reference used, tokens not all drawn). */
    public ReadOnlyObjectProperty<List<Message>> noticesProperty() {
        return notices.getReadOnlyProperty();
    }

    /** The candidate's tokens, highlighted for the order in focus and the selected n-gram. */
    public ReadOnlyObjectProperty<List<TokenSpan>> candidateSpansProperty() {
        return candidateSpans.getReadOnlyProperty();
    }

    /** Each reference's tokens, highlighted likewise. */
    public ReadOnlyObjectProperty<List<List<TokenSpan>>> referenceSpansProperty() {
        return referenceSpans.getReadOnlyProperty();
    }

    /** The candidate's distinct n-grams of the order in focus, in order of first occurrence. */
    public ReadOnlyObjectProperty<List<NgramMatch>> ngramRowsProperty() {
        return ngramRows.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return latest.busyProperty();
    }

    /** The configuration the current settings give. */
    public BleuConfig config() {
        return new BleuConfig(tokenizer.get(), false, smoothing.get(), null, MAX_ORDER, effectiveOrder.get());
    }

    // ------------------------------------------------------------------------------ actions

    /** Adds an empty reference box (up to {@link #MAX_REFERENCES}). */
    public void addReference() {
        if (references.size() < MAX_REFERENCES) {
            references.add(new SimpleStringProperty(""));
        }
    }

    /** Removes reference box {@code index} (0-based); the last box stays. */
    public void removeReference(int index) {
        if (references.size() > 1 && index >= 0 && index < references.size()) {
            references.remove(index);
        }
    }

    /** Makes candidate {@code index} (0-based) of {@link #candidates()} the one in focus. */
    public void useCandidate(int index) {
        if (index >= 0 && index < candidates.size()) {
            candidate.set(candidates.get(index).text());
        }
    }

    /** Selects the n-gram of the order in focus that starts at candidate token {@code start}, or clears it. */
    public void selectAt(int start) {
        BleuAnalysis a = analysis.get();
        int n = order.get();
        if (a == null || a.details() == null || start < 0 || start + n > a.details().hypothesis().size()) {
            selectedNgram.set(null);
            return;
        }
        List<String> g = List.copyOf(a.details().hypothesis().subList(start, start + n));
        selectedNgram.set(g.equals(selectedNgram.get()) ? null : g);
    }

    /** The lecture's worked example, word tokens, sacreBLEU defaults (the view's defaults). */
    public void loadWorkedExample() {
        batch(() -> {
            level.set(BleuLevel.SENTENCE);
            candidates.clear();
            candidate.set(BleuExamples.WORKED_CANDIDATE);
            setReferences(List.of(BleuExamples.WORKED_REFERENCE));
            settingsToDefaults();
        });
    }

    /** The <i>Youth</i> translations against 王佐良's, with sacreBLEU's zh tokenizer. */
    public void loadYouthExample() {
        batch(() -> {
            level.set(BleuLevel.SENTENCE);
            settingsToDefaults();
            tokenizer.set(BleuTokenizer.ZH);
            candidates.setAll(BleuExamples.YOUTH_CANDIDATES);
            candidate.set(BleuExamples.YOUTH_CANDIDATES.get(0).text());
            setReferences(List.of(BleuExamples.YOUTH_REFERENCE));
        });
    }

    /** Reads {@code file} as the hypotheses (in the background) and switches to corpus level. */
    public void setHypothesisFile(Path file) {
        batch(() -> {
            hypothesisFile.set(file);
            segment.set(1);
            level.set(BleuLevel.CORPUS);
        });
    }

    /** Adds a reference file (one reference stream) and switches to corpus level. */
    public void addReferenceFile(Path file) {
        batch(() -> {
            referenceFiles.add(file);
            level.set(BleuLevel.CORPUS);
        });
    }

    public void removeReferenceFile(int index) {
        if (index >= 0 && index < referenceFiles.size()) {
            referenceFiles.remove(index);
        }
    }

    /**
     * Shows the complete state of a lesson step (absent keys: defaults). Types and ranges were
     * checked by the lesson loader; a combination that cannot be shown (labels that do not match
     * the candidates, an n-gram the candidate lacks) goes to {@link #errorProperty()}.
     */
    public void applyState(StateMap state) {
        batch(() -> {
            stateProblem = null;
            level.set(BleuLevel.SENTENCE);
            settingsToDefaults();
            List<String> texts = state.texts("candidates").orElse(List.of());
            List<String> labels = state.texts("candidateLabels").orElse(List.of());
            if (!labels.isEmpty() && labels.size() != texts.size()) {
                stateProblem = Message.of("bleu.error.labels", labels.size(), texts.size());
            }
            List<NamedCandidate> named = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                named.add(new NamedCandidate(i < labels.size() ? labels.get(i) : Integer.toString(i + 1), texts.get(i)));
            }
            candidates.setAll(named);
            candidate.set(state.text("candidate").orElse(texts.isEmpty() ? BleuExamples.WORKED_CANDIDATE : texts.get(0)));
            setReferences(state.texts("references").orElse(List.of(BleuExamples.WORKED_REFERENCE)));
            state.text("tokenize").ifPresent(t -> tokenizer.set(BleuTokenizer.fromName(t)));
            state.text("smooth").ifPresent(s -> smoothing.set(Smoothing.fromName(s)));
            state.text("mode").ifPresent(m -> mode.set(BleuMode.fromStateName(m)));
            state.text("nltkSmoothing").ifPresent(m -> nltkSmoothing.set(NltkSmoothing.Method.fromName(m)));
            state.flag("effectiveOrder").ifPresent(effectiveOrder::set);
            order.set(state.integer("order").map(Long::intValue).orElse(1));
            selectedNgram.set(null);
            pendingNgram = state.text("ngram").map(g -> List.of(g.trim().split("\\s+"))).orElse(null);
            if (pendingNgram != null && pendingNgram.size() > MAX_ORDER) {
                stateProblem = Message.of("bleu.error.ngramTooLong", String.join(" ", pendingNgram), MAX_ORDER);
                pendingNgram = null;
            }
            dirty = true;   // the same state twice still recomputes, so the pending n-gram is looked up
        });
    }

    private void settingsToDefaults() {
        tokenizer.set(BleuTokenizer.V13A);
        smoothing.set(Smoothing.EXP);
        mode.set(BleuMode.SACREBLEU);
        nltkSmoothing.set(NltkSmoothing.Method.METHOD0);
        effectiveOrder.set(true);
        order.set(1);
        selectedNgram.set(null);
    }

    private void setReferences(List<String> texts) {
        List<StringProperty> boxes = new ArrayList<>();
        for (String t : texts.subList(0, Math.min(texts.size(), MAX_REFERENCES))) {
            boxes.add(new SimpleStringProperty(t));
        }
        if (boxes.isEmpty()) {
            boxes.add(new SimpleStringProperty(""));
        }
        references.setAll(boxes);
    }

    // ------------------------------------------------------------------------------ computing

    /** Runs {@code changes} and computes once afterwards. */
    private void batch(Runnable changes) {
        suspended++;
        try {
            changes.run();
        } finally {
            suspended--;
        }
        if (suspended == 0 && dirty) {
            dirty = false;
            submit();
        }
    }

    private void schedule() {
        if (suspended > 0) {
            dirty = true;
        } else {
            submit();
        }
    }

    private void submit() {
        Request r = new Request(level.get(), candidate.get() == null ? "" : candidate.get(),
                references.stream().map(p -> p.get() == null ? "" : p.get()).toList(), List.copyOf(candidates), config(),
                NltkSmoothing.of(nltkSmoothing.get()), mode.get(), hypothesisFile.get(), List.copyOf(referenceFiles),
                segment.get(), stateProblem);
        stateProblem = null;
        latest.submit(() -> compute(r), this::show, this::fail);
    }

    private Result compute(Request r) {
        if (r.level() == BleuLevel.SENTENCE) {
            List<String> refs = r.references().stream().filter(s -> !s.isBlank()).toList();
            if (refs.isEmpty()) {
                throw new InputProblem(Message.of("bleu.error.noReference"));
            }
            BleuAnalysis a = BleuAnalysis.sentence(r.candidate(), refs, r.candidates(), r.config(), r.nltk(), r.mode());
            return new Result(a, WorkedExampleNote.of(r.candidate(), refs), r.stateProblem());
        }
        if (r.hypothesisFile() == null) {
            throw new InputProblem(Message.of("bleu.error.noHypothesisFile"));
        }
        if (r.referenceFiles().isEmpty()) {
            throw new InputProblem(Message.of("bleu.error.noReferenceFile"));
        }
        List<FileStamp> stamps = new ArrayList<>();
        stamps.add(stamp(r.hypothesisFile()));
        for (Path p : r.referenceFiles()) {
            stamps.add(stamp(p));
        }
        CachedCorpus cached = corpusCache;
        if (cached == null || !cached.stamps().equals(stamps) || !cached.config().equals(r.config())
                || !cached.nltk().equals(r.nltk())) {
            List<String> hyps = lines(stamps.get(0));
            if (hyps.isEmpty()) {
                throw new InputProblem(Message.of("bleu.error.emptyFile", r.hypothesisFile().toString()));
            }
            List<List<String>> streams = new ArrayList<>();
            for (FileStamp s : stamps.subList(1, stamps.size())) {
                List<String> lines = lines(s);
                if (lines.size() != hyps.size()) {
                    throw new InputProblem(Message.of("bleu.error.lineCount", s.path().toString(), lines.size(),
                            r.hypothesisFile().toString(), hyps.size(), Math.min(lines.size(), hyps.size()) + 1));
                }
                streams.add(lines);
            }
            BleuComparison all = BleuComparison.corpus(hyps, streams, r.config(), r.nltk());
            cached = new CachedCorpus(List.copyOf(stamps), r.config(), r.nltk(), all, hyps, streams);
            corpusCache = cached;
        }
        return new Result(BleuAnalysis.withSegment(cached.comparison(), cached.hypotheses(), cached.streams(), r.segment(),
                r.config(), r.mode()), null, r.stateProblem());
    }

    private static FileStamp stamp(Path p) {
        try {
            return new FileStamp(p, Files.size(p), Files.getLastModifiedTime(p).toMillis());
        } catch (IOException e) {
            // not there or not readable: SegmentFile.read says which
            return new FileStamp(p, -1, -1);
        }
    }

    private List<String> lines(FileStamp s) {
        synchronized (fileCache) {
            CachedFile c = fileCache.get(s.path());
            if (c != null && c.stamp().equals(s) && s.size() >= 0) {
                return c.lines();
            }
        }
        List<String> lines;
        try {
            lines = List.copyOf(SegmentFile.read(s.path()));
        } catch (SegmentFile.SegmentFileException e) {
            throw new InputProblem(fileProblem(e));
        }
        synchronized (fileCache) {
            fileCache.put(s.path(), new CachedFile(s, lines));
        }
        return lines;
    }

    static Message fileProblem(SegmentFile.SegmentFileException e) {
        String file = e.file().toString();
        return switch (e.problem()) {
            case NO_SUCH_FILE -> Message.of("bleu.error.file.missing", file);
            case DIRECTORY -> Message.of("bleu.error.file.directory", file);
            case PERMISSION_DENIED -> Message.of("bleu.error.file.denied", file);
            case UNREADABLE -> Message.of("bleu.error.file.unreadable", file, e.detail());
            case NOT_UTF8 -> Message.of("bleu.error.file.utf8", file, e.line(), String.format("0x%02X", e.badByte()),
                    e.byteInLine());
        };
    }

    private void show(Result r) {
        BleuAnalysis a = r.analysis();
        analysis.set(a);
        workedExampleNote.set(r.note());
        Message problem = r.stateProblem();
        if (pendingNgram != null) {
            List<String> wanted = pendingNgram;
            pendingNgram = null;
            if (find(a, wanted).isPresent()) {
                order.set(wanted.size());
                selectedNgram.set(wanted);
            } else {
                problem = Message.of("bleu.error.ngramNotFound", String.join(" ", wanted));
            }
        } else if (selectedNgram.get() != null && find(a, selectedNgram.get()).isEmpty()) {
            selectedNgram.set(null);
        }
        error.set(problem);
        List<Message> n = new ArrayList<>();
        long filled = references.stream().filter(p -> p.get() != null && !p.get().isBlank()).count();
        if (a.level() == BleuLevel.SENTENCE && a.mode() == BleuMode.TEXTBOOK && filled > 1) {
            n.add(Message.of("bleu.notice.textbookFirstReference"));
        }
        if (a.details() != null && a.details().hypothesis().size() > MAX_SHOWN_TOKENS) {
            n.add(Message.of("bleu.notice.truncated", MAX_SHOWN_TOKENS, a.details().hypothesis().size()));
        }
        notices.set(List.copyOf(n));
        refreshSpans();
    }

    private void fail(RuntimeException e) {
        pendingNgram = null;
        analysis.set(null);
        workedExampleNote.set(null);
        notices.set(List.of());
        error.set(e instanceof InputProblem p ? p.message : Message.of("bleu.error.engine", String.valueOf(e.getMessage())));
        refreshSpans();
    }

    private static Optional<NgramMatch> find(BleuAnalysis a, List<String> tokens) {
        if (a == null || a.details() == null || tokens == null || tokens.isEmpty() || tokens.size() > a.details().orders().size()) {
            return Optional.empty();
        }
        return a.details().order(tokens.size()).ngrams().stream().filter(m -> m.tokens().equals(tokens)).findFirst();
    }

    /** The n-gram of the table that is selected, if any. */
    public Optional<NgramMatch> selectedMatch() {
        return find(analysis.get(), selectedNgram.get());
    }

    // ------------------------------------------------------------------------------ highlighting

    private void refreshSpans() {
        BleuAnalysis a = analysis.get();
        if (a == null || a.details() == null) {
            candidateSpans.set(List.of());
            referenceSpans.set(List.of());
            ngramRows.set(List.of());
            return;
        }
        MatchDetails d = a.details();
        int n = Math.max(1, Math.min(order.get(), d.orders().size()));
        NgramMatch selected = selectedMatch().orElse(null);
        ngramRows.set(d.order(n).ngrams());
        candidateSpans.set(spans(d.hypothesis(), d.hypothesisCoverage(n), selected == null ? null : selected.hypothesisStarts(),
                selected == null ? null : selected.matchedHypothesisStarts(), selected == null ? 0 : selected.order()));
        List<List<TokenSpan>> refs = new ArrayList<>();
        for (int r = 0; r < d.references().size(); r++) {
            refs.add(spans(d.references().get(r), d.referenceCoverage(n, r),
                    selected == null ? null : selected.referenceStarts().get(r),
                    selected == null ? null : selected.matchedReferenceStarts().get(r), selected == null ? 0 : selected.order()));
        }
        referenceSpans.set(List.copyOf(refs));
    }

    /**
     * Marks tokens: inside a credited n-gram of the order in focus → MATCHED; inside an occurrence
     * of the selected n-gram → SELECTED if that occurrence earns credit (or was used up), else
     * SELECTED_UNCREDITED.
     */
    static List<TokenSpan> spans(List<String> tokens, boolean[] covered, List<Integer> starts, List<Integer> credited, int n) {
        TokenSpan.Mark[] marks = new TokenSpan.Mark[tokens.size()];
        for (int i = 0; i < marks.length; i++) {
            marks[i] = covered[i] ? TokenSpan.Mark.MATCHED : TokenSpan.Mark.NONE;
        }
        if (starts != null) {
            for (int s : starts) {
                TokenSpan.Mark m = credited.contains(s) ? TokenSpan.Mark.SELECTED : TokenSpan.Mark.SELECTED_UNCREDITED;
                for (int i = s; i < s + n && i < marks.length; i++) {
                    if (marks[i] != TokenSpan.Mark.SELECTED) {
                        marks[i] = m;
                    }
                }
            }
        }
        List<TokenSpan> out = new ArrayList<>(Math.min(marks.length, MAX_SHOWN_TOKENS));
        for (int i = 0; i < marks.length && i < MAX_SHOWN_TOKENS; i++) {
            out.add(new TokenSpan(tokens.get(i), marks[i]));
        }
        return List.copyOf(out);
    }

    /** The references as the lesson state would list them (non-blank boxes). */
    public List<String> referenceTexts() {
        return references.stream().map(StringProperty::get).filter(s -> s != null && !s.isBlank()).toList();
    }

    @Override
    public String toString() {
        return "BleuViewModel" + Arrays.asList(level.get(), mode.get(), tokenizer.get(), smoothing.get());
    }
}
