package org.attentionlab.ui.tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.attentionlab.io.Assets;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.text.BertTokenizer;
import org.attentionlab.text.Encoding;
import org.attentionlab.text.TokenKind;
import org.attentionlab.text.Vocabulary;
import org.attentionlab.text.VocabularyException;
import org.attentionlab.ui.LatestOnly;
import org.attentionlab.ui.Recompute;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.UiExecutors;

/**
 * The tokenizer view's state (BERT, Devlin et al. 2019, section 3, "Input/Output
 * Representations"): the text (and an optional second sentence), the vocabulary, case, and
 * {@code max_length}; and what BERT's tokenizer makes of them: one chip per token with its id,
 * {@code token_type_id} and {@code attention_mask}, the decoded round trip with what it changed,
 * and what "Transformer" becomes with the vocabulary loaded now.
 *
 * <p>Every change re-tokenizes on the background executor, a newer request superseding an older
 * one, so a 100 000-character text never holds up the window; only the first {@link #MAX_CHIPS}
 * tokens become chips (the view says how many there are). Vocabularies load in the background too,
 * and a bad one is reported by file and line while the previous one stays in use.
 */
public final class TokenizerViewModel {

    /** The paragraph the tokenizer notebook encodes with bert-base-chinese (seeds/000). */
    public static final String NOTEBOOK_PARAGRAPH = "Transformer 是一种基于自注意力机制的模型架构，广泛应用于自然语言处理任务。"
            + "与传统的循环神经网络不同，它能够并行处理整个序列，并捕捉长距离依赖。"
            + "本文将介绍其基本组成部分，包括词嵌入、位置编码、自注意力、前馈网络等。";
    /** The second sentence offered when the user switches to pairs. */
    public static final String DEFAULT_PAIR = "它能够并行处理整个序列。";
    /** Most tokens shown as chips; BERT itself takes at most 512. */
    public static final int MAX_CHIPS = 600;
    /** Most characters of the decoded text shown. */
    public static final int MAX_DECODED_CHARS = 3000;
    /** Largest max_length (the lesson format's limit). */
    public static final int MAX_LENGTH = 8192;
    /** The word the notebook's output turns into [UNK]. */
    public static final String TRANSFORMER = "Transformer";
    /** bert-base-chinese's id of [UNK], as the notebook prints it (ours is the same by design). */
    public static final int NOTEBOOK_UNK_ID = 100;

    /** One token as the view shows it: a chip with its id, segment and mask beneath. */
    public record Chip(int index, String token, int id, TokenKind kind, int typeId, int mask) {
    }

    /** The vocabulary in use: the shipped one or a file the user opened. */
    public record VocabularyInfo(Path file, boolean shipped, int size) {
        /** "shipped vocabulary (1556 tokens)" / "vocab.txt (21128 tokens)". */
        public Message describe() {
            return shipped ? Message.of("tokenizer.vocab.shipped", file.getFileName().toString(), size)
                    : Message.of("tokenizer.vocab.file", file.toString(), size);
        }
    }

    /** Everything one tokenization needs; immutable, owned by the background thread. */
    record Request(String text, String pair, int maxLength, boolean cased, Vocabulary vocabulary) {
    }

    /** What came back. */
    record Result(Request request, Encoding encoding, List<Chip> chips, String decoded, boolean decodedCut,
                  List<Message> notes, List<String> transformerTokens, List<Integer> transformerIds, int lengthA, int lengthB) {
    }

    private final Recompute tokenizing;
    private final LatestOnly loading;

    private final StringProperty text = new SimpleStringProperty(this, "text", NOTEBOOK_PARAGRAPH);
    private final StringProperty pair = new SimpleStringProperty(this, "pair", DEFAULT_PAIR);
    private final BooleanProperty pairMode = new SimpleBooleanProperty(this, "pairMode", false);
    private final BooleanProperty truncate = new SimpleBooleanProperty(this, "truncate", false);
    private final IntegerProperty maxLength = new SimpleIntegerProperty(this, "maxLength", 32);
    private final BooleanProperty cased = new SimpleBooleanProperty(this, "cased", false);
    private final IntegerProperty focus = new SimpleIntegerProperty(this, "focus", -1);

    private final ReadOnlyObjectWrapper<VocabularyInfo> vocabularyInfo = new ReadOnlyObjectWrapper<>(this, "vocabularyInfo");
    private final ReadOnlyObjectWrapper<Encoding> encoding = new ReadOnlyObjectWrapper<>(this, "encoding");
    private final ReadOnlyObjectWrapper<List<Chip>> chips = new ReadOnlyObjectWrapper<>(this, "chips", List.of());
    private final ReadOnlyStringWrapper decoded = new ReadOnlyStringWrapper(this, "decoded", "");
    private final ReadOnlyObjectWrapper<List<Message>> notes = new ReadOnlyObjectWrapper<>(this, "notes", List.of());
    private final ReadOnlyObjectWrapper<Message> chipNotice = new ReadOnlyObjectWrapper<>(this, "chipNotice");
    private final ReadOnlyObjectWrapper<Message> lengthNotice = new ReadOnlyObjectWrapper<>(this, "lengthNotice");
    private final ReadOnlyObjectWrapper<Message> transformerExample = new ReadOnlyObjectWrapper<>(this, "transformerExample");
    private final ReadOnlyObjectWrapper<Message> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyObjectWrapper<Message> notice = new ReadOnlyObjectWrapper<>(this, "notice");
    private final ReadOnlyIntegerWrapper sliderMax = new ReadOnlyIntegerWrapper(this, "sliderMax", 128);
    private final ReadOnlyObjectWrapper<Chip> focused = new ReadOnlyObjectWrapper<>(this, "focused");
    private final BooleanBinding busy;

    private Vocabulary vocabulary;
    /** The last tokenizer built, reused while vocabulary and case stay (background thread only). */
    private final AtomicReference<BertTokenizer> lastTokenizer = new AtomicReference<>();
    /** A problem with the settings found before tokenizing; shown with the result. */
    private Message settingsProblem;

    public TokenizerViewModel(UiExecutors executors) {
        Objects.requireNonNull(executors, "executors");
        this.tokenizing = new Recompute(executors, error, "tokenizer.error.internal", this::recompute);
        this.loading = new LatestOnly(executors);
        this.busy = Bindings.or(tokenizing.busyProperty(), loading.busyProperty());
        text.addListener(o -> recompute());
        pair.addListener(o -> {
            if (pairMode.get()) {
                recompute();
            }
        });
        pairMode.addListener(o -> recompute());
        truncate.addListener(o -> recompute());
        maxLength.addListener(o -> {
            if (truncate.get()) {
                recompute();
            }
        });
        cased.addListener(o -> recompute());
        focus.addListener(o -> updateFocus());
        useShippedVocabulary();
    }

    // ---------------------------------------------------------------- settings (bound by the view)

    /** Sentence A. */
    public StringProperty textProperty() {
        return text;
    }

    /** Sentence B, used in pair mode. */
    public StringProperty pairProperty() {
        return pair;
    }

    /** Whether to encode {@code [CLS] A [SEP] B [SEP]}. */
    public BooleanProperty pairModeProperty() {
        return pairMode;
    }

    /** Whether max_length applies (truncation and padding). */
    public BooleanProperty truncateProperty() {
        return truncate;
    }

    /** max_length, used when {@link #truncateProperty()} is on. */
    public IntegerProperty maxLengthProperty() {
        return maxLength;
    }

    /** Keep case and accents (off: lower-case and strip accents, as uncased BERT does). */
    public BooleanProperty casedProperty() {
        return cased;
    }

    /** The token in focus (0 = [CLS]), or −1. */
    public IntegerProperty focusProperty() {
        return focus;
    }

    // ---------------------------------------------------------------- results (read-only)

    public ReadOnlyObjectProperty<VocabularyInfo> vocabularyInfoProperty() {
        return vocabularyInfo.getReadOnlyProperty();
    }

    /** The whole encoding (every token, not only the chips), or null before the first result. */
    public ReadOnlyObjectProperty<Encoding> encodingProperty() {
        return encoding.getReadOnlyProperty();
    }

    /** The first {@link #MAX_CHIPS} tokens. */
    public ReadOnlyObjectProperty<List<Chip>> chipsProperty() {
        return chips.getReadOnlyProperty();
    }

    /** decode(input_ids, skip_special_tokens=True), cut to {@link #MAX_DECODED_CHARS} characters. */
    public ReadOnlyStringProperty decodedProperty() {
        return decoded.getReadOnlyProperty();
    }

    /** What the round trip changed and why (at least one note once computed). */
    public ReadOnlyObjectProperty<List<Message>> notesProperty() {
        return notes.getReadOnlyProperty();
    }

    /** "Showing the first 600 of 100 002 tokens", or null when all are shown. */
    public ReadOnlyObjectProperty<Message> chipNoticeProperty() {
        return chipNotice.getReadOnlyProperty();
    }

    /** What max_length did (tokens cut, [PAD] added), or null without max_length. */
    public ReadOnlyObjectProperty<Message> lengthNoticeProperty() {
        return lengthNotice.getReadOnlyProperty();
    }

    /** What "Transformer" becomes with this vocabulary and case setting. */
    public ReadOnlyObjectProperty<Message> transformerExampleProperty() {
        return transformerExample.getReadOnlyProperty();
    }

    /** The last problem (bad vocabulary, impossible max_length, focus outside the tokens), or null. */
    public ReadOnlyObjectProperty<Message> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Something to know that is not an error, or null. */
    public ReadOnlyObjectProperty<Message> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** A sensible top for the max_length slider: a little more than the untruncated length. */
    public ReadOnlyIntegerProperty sliderMaxProperty() {
        return sliderMax.getReadOnlyProperty();
    }

    /** The chip in focus, or null. */
    public ReadOnlyObjectProperty<Chip> focusedProperty() {
        return focused.getReadOnlyProperty();
    }

    /** True while a vocabulary loads or a text is tokenized. */
    public BooleanBinding busyBinding() {
        return busy;
    }

    /** The smallest max_length the current mode allows: 2 ([CLS] [SEP]) or 3 for a pair. */
    public int minLength() {
        return pairMode.get() ? 3 : 2;
    }

    // ---------------------------------------------------------------- actions

    /** The notebook's paragraph, one sentence, no max_length, lower-cased. */
    public void loadNotebookExample() {
        batch(() -> {
            text.set(NOTEBOOK_PARAGRAPH);
            pairMode.set(false);
            truncate.set(false);
            cased.set(false);
            focus.set(-1);
        });
    }

    /** Loads the shipped vocabulary ({@value Vocabulary#SHIPPED_PATH}) in the background. */
    public void useShippedVocabulary() {
        Optional<Path> file = Assets.find(Vocabulary.SHIPPED_PATH);
        if (file.isEmpty()) {
            error.set(Message.of("tokenizer.error.noShipped", Vocabulary.SHIPPED_PATH,
                    Assets.candidates(Vocabulary.SHIPPED_PATH).toString()));
            return;
        }
        load(file.get(), true);
    }

    /** Loads a {@code vocab.txt} in the background; on a problem the current vocabulary stays. */
    public void openVocabulary(Path file) {
        load(Objects.requireNonNull(file, "file"), false);
    }

    private void load(Path file, boolean shipped) {
        loading.submit(() -> readVocabulary(file), v -> {
            vocabulary = v;
            vocabularyInfo.set(new VocabularyInfo(file, shipped, v.size()));
            error.set(null);
            recompute();
        }, e -> error.set(e instanceof VocabularyProblem p ? p.message : Message.of("tokenizer.error.vocab", file.toString(),
                String.valueOf(e.getMessage()))));
    }

    /** A vocabulary that cannot be used, as a message for the user. */
    static final class VocabularyProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Message message;

        VocabularyProblem(Message message, Throwable cause) {
            super(message.key(), cause);
            this.message = message;
        }
    }

    /** Reads and checks a vocabulary (background thread): it must have [UNK], [CLS], [SEP] and [PAD]. */
    static Vocabulary readVocabulary(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new VocabularyProblem(Message.of("tokenizer.error.vocabFolder", file.toString()), null);
            }
            Vocabulary v = Vocabulary.load(file);
            new BertTokenizer(v, true); // names the first missing special token
            return v;
        } catch (NoSuchFileException e) {
            throw new VocabularyProblem(Message.of("tokenizer.error.vocabMissing", file.toString()), e);
        } catch (IOException e) {
            throw new VocabularyProblem(Message.of("tokenizer.error.vocabRead", file.toString(), String.valueOf(e.getMessage())), e);
        } catch (VocabularyException e) {
            throw new VocabularyProblem(Message.of("tokenizer.error.vocab", file.toString(), e.getMessage()), e);
        }
    }

    /**
     * Shows the complete state of a lesson step: {@code text} (default the notebook's paragraph),
     * {@code pair} (pair mode when present), {@code maxLength} (truncation and padding when
     * present), {@code cased} (default false) and {@code token} (the token in focus). Lessons state
     * numbers of the shipped vocabulary, so a vocabulary the user opened is put aside (with a notice).
     */
    public void applyLessonState(StateMap state) {
        VocabularyInfo info = vocabularyInfo.get();
        if (info != null && !info.shipped()) {
            notice.set(Message.of("tokenizer.notice.lessonVocabulary", info.file().toString()));
            useShippedVocabulary();
        }
        batch(() -> {
            text.set(state.text("text").orElse(NOTEBOOK_PARAGRAPH));
            Optional<String> b = state.text("pair");
            b.ifPresent(pair::set);
            pairMode.set(b.isPresent());
            Optional<Long> max = state.integer("maxLength");
            max.ifPresent(m -> maxLength.set((int) Math.min(MAX_LENGTH, m)));
            truncate.set(max.isPresent());
            cased.set(state.flag("cased").orElse(false));
            focus.set(state.integer("token").map(Long::intValue).orElse(-1));
        });
    }

    // ---------------------------------------------------------------- the computation

    private void batch(Runnable change) {
        tokenizing.batch(change);
    }

    private void recompute() {
        if (tokenizing.suspended() || vocabulary == null) {
            return;
        }
        settingsProblem = null;
        int max = -1;
        if (truncate.get()) {
            max = maxLength.get();
            if (max < minLength() || max > MAX_LENGTH) {
                settingsProblem = Message.of(pairMode.get() ? "tokenizer.error.maxLengthPair" : "tokenizer.error.maxLength",
                        max, minLength(), MAX_LENGTH);
                max = Math.max(minLength(), Math.min(MAX_LENGTH, max));
            }
        }
        String a = text.get() == null ? "" : text.get();
        String b = pairMode.get() ? (pair.get() == null ? "" : pair.get()) : null;
        Request request = new Request(a, b, max, cased.get(), vocabulary);
        tokenizing.submit(() -> compute(request), this::apply);
    }

    /** Runs on the background executor. */
    Result compute(Request r) {
        BertTokenizer tok = tokenizerFor(r.vocabulary(), r.cased());
        Encoding e = r.maxLength() < 0
                ? (r.pair() == null ? tok.encode(r.text()) : tok.encode(r.text(), r.pair()))
                : tok.encode(r.text(), r.pair(), r.maxLength());
        int shown = Math.min(MAX_CHIPS, e.size());
        List<Chip> list = new ArrayList<>(shown);
        for (int i = 0; i < shown; i++) {
            list.add(new Chip(i, e.tokens().get(i), e.inputIds().get(i), e.kinds().get(i), e.tokenTypeIds().get(i),
                    e.attentionMask().get(i)));
        }
        String full = tok.decode(e.inputIds(), true);
        boolean cut = full.length() > MAX_DECODED_CHARS;
        String input = r.pair() == null ? r.text() : r.text() + " " + r.pair();
        List<String> unknown = e.kinds().contains(TokenKind.UNKNOWN) ? unknownWords(tok, r) : List.of();
        List<Message> notes = RoundTrip.notes(input, full, e, unknown, r.cased(), r.pair() != null);
        List<String> tTokens = tok.tokenize(TRANSFORMER);
        List<Integer> tIds = tok.convertTokensToIds(tTokens);
        int lengthA = -1;
        int lengthB = -1;
        if (r.maxLength() >= 0 && r.pair() != null && e.truncatedTokens() > 0) {
            lengthA = tok.tokenize(r.text()).size();
            lengthB = tok.tokenize(r.pair()).size();
        }
        return new Result(r, e, List.copyOf(list), cut ? full.substring(0, MAX_DECODED_CHARS) : full, cut, notes, tTokens,
                tIds, lengthA, lengthB);
    }

    private BertTokenizer tokenizerFor(Vocabulary v, boolean keepCase) {
        BertTokenizer t = lastTokenizer.get();
        if (t == null || t.vocabulary() != v || t.lowerCase() == keepCase) {
            t = new BertTokenizer(v, !keepCase);
            lastTokenizer.set(t);
        }
        return t;
    }

    /** The words (after BERT's basic tokenization) that WordPiece cannot spell, first ones first. */
    private static List<String> unknownWords(BertTokenizer tok, Request r) {
        List<String> out = new ArrayList<>();
        for (String segment : r.pair() == null ? List.of(r.text()) : List.of(r.text(), r.pair())) {
            String plain = segment;
            for (String special : tok.specialTokens()) {
                plain = plain.replace(special, " ");
            }
            for (String word : tok.basicTokenizer().tokenize(plain)) {
                if (tok.wordPiece().tokenize(word).equals(List.of(BertTokenizer.UNK)) && !out.contains(word)) {
                    out.add(word.length() > 40 ? word.substring(0, 40) + "…" : word);
                    if (out.size() >= RoundTrip.MAX_EXAMPLES) {
                        return out;
                    }
                }
            }
        }
        return out;
    }

    private void apply(Result r) {
        Encoding e = r.encoding();
        encoding.set(e);
        chips.set(r.chips());
        decoded.set(r.decoded() + (r.decodedCut() ? "…" : ""));
        notes.set(r.notes());
        chipNotice.set(e.size() > r.chips().size() ? Message.of("tokenizer.notice.chips", r.chips().size(), e.size()) : null);
        int full = e.realLength() + e.truncatedTokens();
        sliderMax.set(Math.max(16, Math.min(MAX_LENGTH, full + 8)));
        int pads = e.size() - e.realLength();
        if (r.request().maxLength() < 0) {
            lengthNotice.set(null);
        } else if (e.truncatedTokens() > 0 && r.lengthA() >= 0) {
            int keptA = (int) e.tokenTypeIds().stream().filter(t -> t == 0).count() - 2 - pads;
            int keptB = (int) e.tokenTypeIds().stream().filter(t -> t == 1).count() - 1;
            lengthNotice.set(Message.of("tokenizer.length.pairCut", r.request().maxLength(), e.truncatedTokens(),
                    r.lengthA(), keptA, r.lengthB(), keptB));
        } else if (e.truncatedTokens() > 0) {
            lengthNotice.set(Message.of("tokenizer.length.cut", r.request().maxLength(), e.truncatedTokens()));
        } else {
            lengthNotice.set(Message.of("tokenizer.length.padded", r.request().maxLength(), pads));
        }
        String pieces = String.join(" ", r.transformerTokens());
        String ids = r.transformerIds().toString();
        boolean unk = r.transformerTokens().equals(List.of(BertTokenizer.UNK));
        transformerExample.set(Message.of(unk ? "tokenizer.explain.hereUnk" : "tokenizer.explain.herePieces", TRANSFORMER,
                pieces, ids));
        error.set(settingsProblem);
        updateFocus();
    }

    private void updateFocus() {
        Encoding e = encoding.get();
        int f = focus.get();
        if (f < 0 || e == null) {
            focused.set(null);
            return;
        }
        if (f >= e.size()) {
            focused.set(null);
            error.set(Message.of("tokenizer.error.focus", f, e.size() - 1));
            return;
        }
        focused.set(new Chip(f, e.tokens().get(f), e.inputIds().get(f), e.kinds().get(f), e.tokenTypeIds().get(f),
                e.attentionMask().get(f)));
    }

    /** The message key naming a token kind (for the legend and the focus line). */
    public static String kindKey(TokenKind kind) {
        return "tokenizer.kind." + switch (kind) {
            case SPECIAL -> "special";
            case CJK -> "cjk";
            case WORD -> "word";
            case WORD_START -> "wordStart";
            case PIECE -> "piece";
            case UNKNOWN -> "unknown";
        };
    }
}
