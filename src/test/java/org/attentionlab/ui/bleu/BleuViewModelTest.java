package org.attentionlab.ui.bleu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.attentionlab.bleu.BleuTokenizer;
import org.attentionlab.bleu.NgramMatch;
import org.attentionlab.bleu.NltkSmoothing;
import org.attentionlab.bleu.Smoothing;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.lesson.StateValue;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.bleu.TokenSpan.Mark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BLEU view-model without a Stage (synchronous executors). Every expected number comes from
 * {@code golden/bleu-lecture-verified.json}, written by src/test/python/bleu_lecture_verify.py
 * with NLTK 3.8 and a plain-Python sacreBLEU formula, never from the Java code.
 */
class BleuViewModelTest {

    private static JsonNode golden;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = BleuViewModelTest.class.getResourceAsStream("/golden/bleu-lecture-verified.json")) {
            assertNotNull(in, "golden/bleu-lecture-verified.json is missing; run src/test/python/bleu_lecture_verify.py");
            golden = new ObjectMapper().readTree(in);
        }
    }

    private static JsonNode golden(String name) {
        for (JsonNode c : golden.get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no golden case " + name);
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.max(1e-12, Math.abs(expected) * 1e-9), what);
    }

    private static BleuViewModel vm() {
        return new BleuViewModel(UiExecutors.direct());
    }

    private static BleuAnalysis.Summary summary(BleuViewModel vm, BleuMode mode) {
        return vm.analysisProperty().get().all().get(mode.ordinal());
    }

    private static List<Mark> marks(List<TokenSpan> spans) {
        return spans.stream().map(TokenSpan::mark).toList();
    }

    // ------------------------------------------------------------------------------ the worked example

    @Test
    void opensWithTheWorkedExampleAndItsNumbers() {
        BleuViewModel vm = vm();
        JsonNode word = golden("lecture-word");
        assertEquals(golden.get("hypothesis").asText(), vm.candidateProperty().get());
        assertEquals(List.of(golden.get("reference").asText()), vm.referenceTexts());
        BleuAnalysis.Summary s = vm.analysisProperty().get().summary();
        assertEquals(BleuMode.SACREBLEU, s.mode());
        assertEquals(word.get("sys_len").asLong(), s.c());
        assertEquals(word.get("ref_len").asLong(), s.r());
        assertEquals(3, s.c());
        assertEquals(6, s.r());
        close(word.get("bp").asDouble(), s.bp(), "BP = e^(1 − 6/3)");
        assertEquals("0.368", BleuAnalysis.fixed(s.bp(), 3));
        assertArrayEquals(longs(word.get("counts")), s.counts());
        assertArrayEquals(longs(word.get("totals")), s.totals());
        close(word.at("/sacrebleu/exp~1eff/score").asDouble(), s.score(), "sacreBLEU sentence-level exp");
        assertEquals("23.17", s.scoreText());
        assertArrayEquals(new boolean[] {true, true, true, false}, s.used(), "effective order 3: no 4-gram to average");
        assertArrayEquals(new boolean[] {false, false, true, false}, s.smoothed(), "exp smoothing gives p₃ = 1/(2·1)");
        assertTrue(s.bpLatex().contains("e^{1 - 6/3} = 0.3679"), s.bpLatex());
        assertTrue(s.bleuLatex().endsWith("= 23.17"), s.bleuLatex());
        assertNull(vm.errorProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void eachImplementationSaysWhyItsNumberDiffers() {
        BleuViewModel vm = vm();
        BleuAnalysis a = vm.analysisProperty().get();
        assertEquals(List.of("bleu.why.sacrebleu.effective", "bleu.why.nltk.tiny", "bleu.why.textbook.zero"),
                a.all().stream().map(a::reasonKey).toList(), "3 words: effective order 3; NLTK's 2.2e-308; p₃ = 0");
        vm.nltkSmoothingProperty().set(NltkSmoothing.Method.METHOD6);
        a = vm.analysisProperty().get();
        assertEquals("bleu.why.nltk.refused", a.reasonKey(a.all().get(1)));
        vm.loadYouthExample();
        a = vm.analysisProperty().get();
        assertEquals(List.of("bleu.why.sacrebleu", "bleu.why.nltk", "bleu.why.textbook"), a.all().stream().map(a::reasonKey).toList());
    }

    @Test
    void theCorrectionNoteStatesOnlyVerifiedNumbers() {
        BleuViewModel vm = vm();
        WorkedExampleNote n = vm.workedExampleNoteProperty().get();
        assertNotNull(n);
        JsonNode word = golden("lecture-word");
        JsonNode chars = golden("lecture-char");
        assertEquals(word.get("sys_len").asLong(), n.wordC());
        assertEquals(word.get("ref_len").asLong(), n.wordR());
        close(word.get("bp").asDouble(), n.wordBp(), "word BP");
        assertEquals(5, n.charC());
        assertEquals(9, n.charR());
        assertEquals(chars.get("sys_len").asLong(), n.charC());
        assertEquals(chars.get("ref_len").asLong(), n.charR());
        close(chars.get("bp").asDouble(), n.charBp(), "character BP = e^(1 − 9/5)");
        assertEquals("0.449", BleuAnalysis.fixed(n.charBp(), 3));
        assertEquals(chars.get("counts").get(2).asLong(), n.charP3Matches(), "踢足球 matches");
        assertEquals(chars.get("totals").get(2).asLong(), n.charP3Total());
        assertEquals(1, n.charP3Matches());
        assertEquals(0.0, n.unsmoothedWord());
        assertEquals(0.0, n.unsmoothedChar());
        close(word.at("/sacrebleu/exp~1eff/score").asDouble(), n.expWord(), "exp");
        close(word.at("/sacrebleu/add-k~1eff/score").asDouble(), n.addKWord(), "add-k");
        close(word.at("/sacrebleu/exp~1noeff/score").asDouble(), n.expNoEffWord(), "exp without effective order");
        assertEquals("27.95", BleuAnalysis.fixed(n.addKWord(), 2));
        assertEquals("0.00", BleuAnalysis.fixed(n.expNoEffWord(), 2));
        vm.candidateProperty().set("男孩 踢 足球 。");
        assertNull(vm.workedExampleNoteProperty().get(), "the note belongs to the lecture's input only");
    }

    @Test
    void everySmoothingAndTokenizationAgreesWithTheIndependentComputation() {
        BleuViewModel vm = vm();
        for (BleuTokenizer tok : List.of(BleuTokenizer.V13A, BleuTokenizer.NONE, BleuTokenizer.ZH, BleuTokenizer.CHAR)) {
            JsonNode g = golden(tok == BleuTokenizer.ZH || tok == BleuTokenizer.CHAR ? "lecture-char" : "lecture-word");
            vm.tokenizerProperty().set(tok);
            for (Smoothing sm : Smoothing.values()) {
                for (boolean eff : new boolean[] {true, false}) {
                    vm.smoothingProperty().set(sm);
                    vm.effectiveOrderProperty().set(eff);
                    String key = sm.signatureName() + "/" + (eff ? "eff" : "noeff");
                    close(g.at("/sacrebleu/" + key.replace("/", "~1") + "/score").asDouble(),
                            summary(vm, BleuMode.SACREBLEU).score(), tok + " " + key);
                }
            }
            for (NltkSmoothing.Method m : NltkSmoothing.Method.values()) {
                vm.nltkSmoothingProperty().set(m);
                JsonNode expected = g.at("/nltk/" + m);
                BleuAnalysis.Summary s = summary(vm, BleuMode.NLTK);
                if (expected.isTextual()) {
                    assertTrue(expected.asText().startsWith("error"), expected.asText());
                    assertFalse(s.available(), tok + " " + m + ": NLTK refuses this input too");
                    assertEquals("bleu.unavailable.nltk", s.unavailableReason());
                } else {
                    close(expected.asDouble(), s.score(), tok + " " + m);
                }
            }
            close(g.at("/d2l/k4").asDouble(), summary(vm, BleuMode.TEXTBOOK).score(), tok + " textbook");
        }
    }

    @Test
    void switchingToCharacterTokensGivesTheSlidesLengthsAndANonZeroP3() {
        BleuViewModel vm = vm();
        vm.tokenizerProperty().set(BleuTokenizer.ZH);
        BleuAnalysis.Summary s = vm.analysisProperty().get().summary();
        JsonNode chars = golden("lecture-char");
        assertEquals(5, s.c());
        assertEquals(9, s.r());
        assertArrayEquals(longs(chars.get("counts")), s.counts());
        assertArrayEquals(longs(chars.get("totals")), s.totals());
        vm.orderProperty().set(3);
        List<NgramMatch> rows = vm.ngramRowsProperty().get();
        assertEquals(List.of("男 孩 踢", "孩 踢 足", "踢 足 球"), rows.stream().map(NgramMatch::text).toList());
        assertEquals(List.of("踢 足 球"), rows.stream().filter(NgramMatch::matched).map(NgramMatch::text).toList());
        assertEquals(List.of(Mark.NONE, Mark.NONE, Mark.MATCHED, Mark.MATCHED, Mark.MATCHED), marks(vm.candidateSpansProperty().get()));
    }

    // ------------------------------------------------------------------------------ references

    @Test
    void addingAndRemovingReferenceBoxes() {
        BleuViewModel vm = vm();
        vm.addReference();
        assertEquals(2, vm.references().size());
        close(golden("lecture-word").at("/sacrebleu/exp~1eff/score").asDouble(), vm.analysisProperty().get().summary().score(),
                "a blank box is no reference");
        vm.references().get(1).set(golden.get("hypothesis").asText());
        BleuAnalysis.Summary s = vm.analysisProperty().get().summary();
        assertEquals(3, s.r(), "the closest reference length is now the candidate's own");
        assertEquals(100.0, s.score(), 1e-12, "the candidate is one of the references");
        assertEquals(2, vm.referenceSpansProperty().get().size());
        vm.removeReference(1);
        assertEquals(1, vm.references().size());
        assertEquals(6, vm.analysisProperty().get().summary().r());
        vm.removeReference(0);
        assertEquals(1, vm.references().size(), "the last box stays");
        vm.references().get(0).set("   ");
        assertEquals(Message.of("bleu.error.noReference"), vm.errorProperty().get());
        assertNull(vm.analysisProperty().get());
        assertEquals(List.of(), vm.candidateSpansProperty().get());
        vm.references().get(0).set(golden.get("reference").asText());
        assertNull(vm.errorProperty().get(), "the error goes when the input is fixed");
        for (int i = 0; i < 30; i++) {
            vm.addReference();
        }
        assertEquals(BleuViewModel.MAX_REFERENCES, vm.references().size());
    }

    @Test
    void textbookModeUsesTheFirstReferenceAndSaysSo() {
        BleuViewModel vm = vm();
        vm.addReference();
        vm.references().get(1).set(golden.get("hypothesis").asText());
        vm.modeProperty().set(BleuMode.TEXTBOOK);
        BleuAnalysis a = vm.analysisProperty().get();
        assertEquals(BleuMode.TEXTBOOK, a.summary().mode());
        close(golden("lecture-word").at("/d2l/k4").asDouble(), a.summary().score(), "d2l against the first reference");
        assertEquals(1, a.details().references().size());
        assertEquals(List.of(Message.of("bleu.notice.textbookFirstReference")), vm.noticesProperty().get());
        assertArrayEquals(new double[] {0.5, 0.25, 0.125}, a.summary().weights(), "weights 1/2ⁿ, orders up to c = 3");
    }

    // ------------------------------------------------------------------------------ highlighting

    @Test
    void selectingAnNgramLightsUpItsOccurrences() {
        BleuViewModel vm = vm();
        vm.orderProperty().set(2);
        assertEquals(List.of(Mark.NONE, Mark.MATCHED, Mark.MATCHED), marks(vm.candidateSpansProperty().get()));
        vm.selectedNgramProperty().set(List.of("踢", "足球"));
        assertEquals(List.of(Mark.NONE, Mark.SELECTED, Mark.SELECTED), marks(vm.candidateSpansProperty().get()));
        assertEquals(List.of(Mark.NONE, Mark.NONE, Mark.NONE, Mark.NONE, Mark.SELECTED, Mark.SELECTED),
                marks(vm.referenceSpansProperty().get().get(0)));
        vm.selectedNgramProperty().set(List.of("男孩", "踢"));
        assertEquals(List.of(Mark.SELECTED_UNCREDITED, Mark.SELECTED_UNCREDITED, Mark.MATCHED), marks(vm.candidateSpansProperty().get()),
                "男孩 踢 is not in the reference");
        assertEquals(List.of(Mark.NONE, Mark.NONE, Mark.NONE, Mark.NONE, Mark.MATCHED, Mark.MATCHED),
                marks(vm.referenceSpansProperty().get().get(0)));
        vm.selectAt(0);
        assertEquals(null, vm.selectedNgramProperty().get(), "clicking the selected n-gram again clears it");
        vm.selectAt(1);
        assertEquals(List.of("踢", "足球"), vm.selectedNgramProperty().get());
        vm.orderProperty().set(1);
        assertNull(vm.selectedNgramProperty().get(), "a 2-gram is not selected among 1-grams");
    }

    @Test
    void clippingShowsWhichOccurrencesEarnCredit() {
        BleuViewModel vm = vm();
        JsonNode clip = golden("clipping");
        vm.candidateProperty().set(golden.get("clip_hypothesis").asText());
        vm.references().get(0).set(golden.get("clip_references").get(0).asText());
        vm.addReference();
        vm.references().get(1).set(golden.get("clip_references").get(1).asText());
        assertArrayEquals(longs(clip.get("counts")), vm.analysisProperty().get().summary().counts());
        NgramMatch the = vm.ngramRowsProperty().get().get(0);
        assertEquals(7, the.count());
        assertEquals(2, the.clippedCount());
        assertTrue(the.clipped());
        vm.selectAt(3);
        assertEquals(List.of("the"), vm.selectedNgramProperty().get());
        assertEquals(List.of(Mark.SELECTED, Mark.SELECTED, Mark.SELECTED_UNCREDITED, Mark.SELECTED_UNCREDITED,
                Mark.SELECTED_UNCREDITED, Mark.SELECTED_UNCREDITED, Mark.SELECTED_UNCREDITED), marks(vm.candidateSpansProperty().get()));
        assertEquals(List.of(Mark.SELECTED, Mark.NONE, Mark.NONE, Mark.NONE, Mark.SELECTED, Mark.NONE),
                marks(vm.referenceSpansProperty().get().get(0)));
        assertEquals(Mark.SELECTED, vm.referenceSpansProperty().get().get(1).get(5).mark());
        close(clip.at("/sacrebleu/exp~1eff/score").asDouble(), vm.analysisProperty().get().summary().score(), "clipping, exp");
    }

    @Test
    void anEmptyCandidateScoresZeroWithoutNaN() {
        BleuViewModel vm = vm();
        vm.candidateProperty().set("");
        BleuAnalysis a = vm.analysisProperty().get();
        assertEquals(0.0, a.summary().score());
        assertEquals(0.0, a.summary().bp());
        assertEquals("\\mathrm{BP} = 0 \\quad (c = 0)", a.summary().bpLatex());
        assertEquals(0.0, summary(vm, BleuMode.NLTK).score());
        assertFalse(summary(vm, BleuMode.TEXTBOOK).available());
        assertEquals("bleu.unavailable.textbookEmpty", summary(vm, BleuMode.TEXTBOOK).unavailableReason());
        assertEquals(List.of(), vm.candidateSpansProperty().get());
        assertNull(vm.errorProperty().get());
    }

    @Test
    void aLongCandidateIsDrawnInPartButCountedInFull() {
        BleuViewModel vm = vm();
        vm.candidateProperty().set("男孩 ".repeat(1000));
        assertEquals(BleuViewModel.MAX_SHOWN_TOKENS, vm.candidateSpansProperty().get().size());
        assertEquals(1000, vm.analysisProperty().get().summary().c());
        assertEquals(List.of(Message.of("bleu.notice.truncated", BleuViewModel.MAX_SHOWN_TOKENS, 1000)), vm.noticesProperty().get());
    }

    // ------------------------------------------------------------------------------ several candidates

    @Test
    void youthTranslationsAreRankedAgainstWangZuoliangsWithTheZhTokenizer() {
        BleuViewModel vm = vm();
        vm.loadYouthExample();
        assertEquals(BleuTokenizer.ZH, vm.tokenizerProperty().get());
        assertEquals(List.of(golden.get("youth_reference").asText()), vm.referenceTexts());
        List<BleuAnalysis.CandidateScore> scores = vm.analysisProperty().get().candidates();
        assertEquals(List.of("DeepSeek", "Google", "Baidu"), scores.stream().map(BleuAnalysis.CandidateScore::label).toList());
        for (BleuAnalysis.CandidateScore cs : scores) {
            JsonNode g = golden("youth-" + cs.label());
            assertEquals(golden.get("youth_candidates").get(cs.label()).asText(), cs.text());
            close(g.at("/sacrebleu/exp~1eff/score").asDouble(), cs.sacre(), cs.label() + " sacreBLEU");
            close(g.at("/nltk/method0").asDouble(), cs.nltk(), cs.label() + " NLTK");
            close(g.at("/d2l/k4").asDouble(), cs.textbook(), cs.label() + " textbook");
        }
        vm.useCandidate(2);
        assertEquals(golden.get("youth_candidates").get("Baidu").asText(), vm.candidateProperty().get());
        assertArrayEquals(longs(golden("youth-Baidu").get("counts")), vm.analysisProperty().get().summary().counts());
        vm.tokenizerProperty().set(BleuTokenizer.V13A);
        for (BleuAnalysis.CandidateScore cs : vm.analysisProperty().get().candidates()) {
            close(golden("youth-13a-" + cs.label()).at("/sacrebleu/exp~1eff/score").asDouble(), cs.sacre(),
                    "13a sees one token per sentence");
            assertEquals(0.0, cs.sacre());
        }
    }

    // ------------------------------------------------------------------------------ files

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void aCorpusFromFilesSumsTheStatisticsOfItsSegments() throws Exception {
        BleuViewModel vm = vm();
        Path hyp = write("hyp.txt", golden.get("hypothesis").asText() + "\n" + golden.get("edited_hypothesis").asText() + "\n");
        Path ref = write("ref.txt", golden.get("reference").asText() + "\n" + golden.get("reference").asText() + "\n");
        vm.setHypothesisFile(hyp);
        assertEquals(BleuLevel.CORPUS, vm.levelProperty().get());
        assertEquals(Message.of("bleu.error.noReferenceFile"), vm.errorProperty().get());
        vm.addReferenceFile(ref);
        assertNull(vm.errorProperty().get());
        BleuAnalysis a = vm.analysisProperty().get();
        JsonNode one = golden("lecture-word");
        JsonNode two = golden("edited");
        long[] counts = new long[4];
        long[] totals = new long[4];
        for (int i = 0; i < 4; i++) {
            counts[i] = one.get("counts").get(i).asLong() + two.get("counts").get(i).asLong();
            totals[i] = one.get("totals").get(i).asLong() + two.get("totals").get(i).asLong();
        }
        assertArrayEquals(counts, a.summary().counts(), "corpus BLEU sums the statistics");
        assertArrayEquals(totals, a.summary().totals());
        long c = one.get("sys_len").asLong() + two.get("sys_len").asLong();
        long r = one.get("ref_len").asLong() + two.get("ref_len").asLong();
        assertEquals(c, a.summary().c());
        assertEquals(r, a.summary().r());
        double logMean = 0;
        for (int i = 0; i < 4; i++) {
            logMean += Math.log((double) counts[i] / totals[i]) / 4;
        }
        close(100 * Math.exp(1 - (double) r / c) * Math.exp(logMean), a.summary().score(), "corpus BLEU, every order matched");
        assertEquals(1, a.segment());
        assertEquals(2, a.segmentCount());
        assertEquals(List.of("男孩", "踢", "足球"), a.details().hypothesis());
        close(one.at("/sacrebleu/exp~1eff/score").asDouble(), a.segmentScore().score(), "segment 1's own sentence BLEU");
        assertFalse(summary(vm, BleuMode.TEXTBOOK).available(), "the textbook formula has no corpus score");
        assertEquals("bleu.unavailable.textbookCorpus", summary(vm, BleuMode.TEXTBOOK).unavailableReason());
        vm.segmentProperty().set(2);
        assertEquals(List.of("一个", "男孩", "在", "踢", "足球"), vm.analysisProperty().get().details().hypothesis());
        assertArrayEquals(counts, vm.analysisProperty().get().summary().counts(), "the corpus numbers stay");
        vm.levelProperty().set(BleuLevel.SENTENCE);
        assertEquals(3, vm.analysisProperty().get().summary().c(), "the sentence input was kept");
    }

    @Test
    void badFilesAreNamedWithTheLineAndNothingIsLost() throws Exception {
        BleuViewModel vm = vm();
        Path hyp = write("hyp.txt", "a b c d\ne f g h\ni j k l\n");
        Path shortRef = write("ref.txt", "a b c d\ne f g h\n");
        vm.setHypothesisFile(hyp);
        vm.addReferenceFile(shortRef);
        assertEquals(Message.of("bleu.error.lineCount", shortRef.toString(), 2, hyp.toString(), 3, 3), vm.errorProperty().get());
        assertNull(vm.analysisProperty().get());
        assertEquals(golden.get("hypothesis").asText(), vm.candidateProperty().get(), "the sentence input is untouched");

        Path bad = dir.resolve("latin1.txt");
        byte[] bytes = "a b c\nd é f\ng h i\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(bad, bytes);
        vm.removeReferenceFile(0);
        vm.addReferenceFile(bad);
        assertEquals(Message.of("bleu.error.file.utf8", bad.toString(), 2, "0xE9", 3), vm.errorProperty().get());

        vm.removeReferenceFile(0);
        Path missing = dir.resolve("missing.txt");
        vm.addReferenceFile(missing);
        assertEquals(Message.of("bleu.error.file.missing", missing.toString()), vm.errorProperty().get());

        vm.removeReferenceFile(0);
        vm.addReferenceFile(dir);
        assertEquals(Message.of("bleu.error.file.directory", dir.toString()), vm.errorProperty().get());

        vm.removeReferenceFile(0);
        Path empty = write("empty.txt", "");
        vm.setHypothesisFile(empty);
        vm.addReferenceFile(shortRef);
        assertEquals(Message.of("bleu.error.emptyFile", empty.toString()), vm.errorProperty().get());

        // fixed: the right files give a score
        Path ref3 = write("ref3.txt", "a b c d\ne f g h\ni j k l\n");
        vm.setHypothesisFile(hyp);
        vm.removeReferenceFile(0);
        vm.addReferenceFile(ref3);
        assertNull(vm.errorProperty().get());
        assertEquals(100.0, vm.analysisProperty().get().summary().score(), 1e-12);
        assertFalse(vm.effectiveOrderProperty().get(), "a corpus: sacreBLEU's corpus default, no effective order");
        // a file changed on disk is read again
        Files.writeString(ref3, "a b c d\ne f g h\ni j k x\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(ref3, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        vm.segmentProperty().set(3);
        assertTrue(vm.analysisProperty().get().summary().score() < 100, "the changed file was reread");
    }

    // ------------------------------------------------------------------------------ lesson state

    private static StateMap state(Map<String, StateValue> values) {
        return StateMap.of(values);
    }

    @Test
    void lessonStateSetsEveryKeyAndAbsentKeysTakeTheDefaults() {
        BleuViewModel vm = vm();
        vm.applyState(state(Map.of(
                "candidate", new StateValue.Text(golden.get("hypothesis").asText()),
                "references", new StateValue.Texts(List.of(golden.get("reference").asText())),
                "tokenize", new StateValue.Text("zh"),
                "smooth", new StateValue.Text("add-k"),
                "mode", new StateValue.Text("nltk"),
                "nltkSmoothing", new StateValue.Text("method3"),
                "effectiveOrder", new StateValue.Bool(false),
                "ngram", new StateValue.Text("踢 足 球"))));
        assertEquals(BleuTokenizer.ZH, vm.tokenizerProperty().get());
        assertEquals(Smoothing.ADD_K, vm.smoothingProperty().get());
        assertEquals(BleuMode.NLTK, vm.modeProperty().get());
        assertEquals(NltkSmoothing.Method.METHOD3, vm.nltkSmoothingProperty().get());
        assertFalse(vm.effectiveOrderProperty().get());
        assertEquals(3, vm.orderProperty().get(), "the n-gram sets the order");
        assertEquals(List.of("踢", "足", "球"), vm.selectedNgramProperty().get());
        assertNull(vm.errorProperty().get());
        close(golden("lecture-char").at("/nltk/method3").asDouble(), vm.analysisProperty().get().summary().score(), "NLTK method3");
        close(golden("lecture-char").at("/sacrebleu/add-k~1noeff/score").asDouble(), summary(vm, BleuMode.SACREBLEU).score(), "add-k");

        vm.applyState(StateMap.empty());
        assertEquals(BleuTokenizer.V13A, vm.tokenizerProperty().get());
        assertEquals(Smoothing.EXP, vm.smoothingProperty().get());
        assertEquals(BleuMode.SACREBLEU, vm.modeProperty().get());
        assertEquals(1, vm.orderProperty().get());
        assertNull(vm.selectedNgramProperty().get());
        assertEquals(golden.get("hypothesis").asText(), vm.candidateProperty().get());
        assertEquals("23.17", vm.analysisProperty().get().summary().scoreText());
    }

    @Test
    void lessonStateThatCannotBeShownGoesToTheErrorDisplay() {
        BleuViewModel vm = vm();
        vm.applyState(state(Map.of("ngram", new StateValue.Text("踢 足 球"))));
        assertEquals(Message.of("bleu.error.ngramNotFound", "踢 足 球"), vm.errorProperty().get(),
                "with 13a the tokens are words, not characters");
        assertNotNull(vm.analysisProperty().get(), "the rest is still shown");
        vm.applyState(state(Map.of("candidates", new StateValue.Texts(List.of("a", "b")),
                "candidateLabels", new StateValue.Texts(List.of("A")))));
        assertEquals(Message.of("bleu.error.labels", 1, 2), vm.errorProperty().get());
        assertEquals(List.of("A", "2"), vm.candidates().stream().map(NamedCandidate::label).toList());
        assertEquals("a", vm.candidateProperty().get(), "without a candidate the first of the candidates is in focus");
        vm.applyState(state(Map.of("ngram", new StateValue.Text("a b c d e"))));
        assertEquals(Message.of("bleu.error.ngramTooLong", "a b c d e", 4), vm.errorProperty().get());
        vm.candidateProperty().set("男孩");
        assertNull(vm.errorProperty().get(), "a lesson's problem goes once the user changes the input");
    }

    @Test
    void oneChangeGivesOneResultAndTheFormulaShowsTheZero() {
        BleuViewModel vm = vm();
        List<String> seen = new ArrayList<>();
        vm.analysisProperty().addListener((obs, old, now) -> seen.add(now == null ? "none" : now.summary().scoreText()));
        vm.smoothingProperty().set(Smoothing.NONE);
        assertEquals(List.of("0.00"), seen, "one change, one result");
        assertEquals("\\mathrm{BLEU} = 100 \\cdot \\mathrm{BP} \\cdot \\exp\\Big(\\frac{1}{3}\\big(\\log 1 + \\log 0.5 + \\log 0\\big)\\Big)"
                + " = 100 \\cdot 0.3679 \\cdot 0 = 0.00", vm.analysisProperty().get().summary().bleuLatex());
    }
}
