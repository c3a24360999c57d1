package org.attentionlab.ui.qkv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.attentionlab.engine.Precision;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.io.AutosaveFile;
import org.attentionlab.io.DebouncedSaver;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.qkv.QkvViewModel.InputMode;
import org.attentionlab.ui.qkv.QkvViewModel.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The numbers typed into X and the weights survive a restart; a broken autosave is set aside. */
class QkvAutosaveTest {

    private static final Nd4jEngineService ENGINE = new Nd4jEngineService();

    private static QkvViewModel vm() {
        return new QkvViewModel(ENGINE, UiExecutors.direct());
    }

    @Test
    void editedMatricesAndSettingsComeBack(@TempDir Path dir) {
        Path file = dir.resolve("autosave").resolve(QkvAutosave.FILE_NAME);
        QkvViewModel first = vm();
        try (DebouncedSaver saver = new DebouncedSaver("autosave", Duration.ofHours(1), e -> { })) {
            assertEquals(Optional.empty(), new QkvAutosave(first, file, saver).start());
            first.dModelProperty().set(3);
            first.editX(0, 2, 0.75);
            first.editWeight(Stage.WQ, 1, 0, -1.5);
            first.editWeight(Stage.WV, 2, 2, 4);
            first.precisionProperty().set(Precision.FLOAT32);
            first.scaledProperty().set(true);
            assertFalse(Files.exists(file), "the FX thread never writes");
            saver.flush();
        }
        assertTrue(Files.exists(file));

        QkvViewModel second = vm();
        try (DebouncedSaver saver = new DebouncedSaver("autosave", Duration.ofHours(1), e -> { })) {
            assertEquals(Optional.empty(), new QkvAutosave(second, file, saver).start());
        }
        assertNull(second.errorProperty().get());
        assertEquals(3, second.dModelProperty().get());
        assertEquals(Precision.FLOAT32, second.precisionProperty().get());
        assertTrue(second.scaledProperty().get());
        for (Stage s : List.of(Stage.X, Stage.WQ, Stage.WK, Stage.WV, Stage.WEIGHTS, Stage.OUTPUT)) {
            assertArrayEquals(first.stage(s).toRowMajor(), second.stage(s).toRowMajor(), 0.0, s.name());
        }
        assertEquals(0.75, second.stage(Stage.X).get(0, 2));
        assertEquals(-1.5, second.stage(Stage.WQ).get(1, 0));
        assertEquals(first.tokensProperty().get(), second.tokensProperty().get());
    }

    @Test
    void aSentenceWithItsTokensComesBack(@TempDir Path dir) {
        Path file = dir.resolve(QkvAutosave.FILE_NAME);
        QkvViewModel first = vm();
        try (DebouncedSaver saver = new DebouncedSaver("autosave", Duration.ofHours(1), e -> { })) {
            new QkvAutosave(first, file, saver).start();
            first.splitProperty().set(QkvViewModel.Split.CHARACTERS);
            first.sentenceProperty().set("我爱你😀");
            first.applySentence();
            first.editX(3, 1, 9);
            saver.flush();
        }
        QkvViewModel second = vm();
        try (DebouncedSaver saver = new DebouncedSaver("autosave", Duration.ofHours(1), e -> { })) {
            new QkvAutosave(second, file, saver).start();
        }
        assertEquals(InputMode.SENTENCE, second.inputModeProperty().get());
        assertEquals(List.of("我", "爱", "你", "😀"), second.tokensProperty().get());
        assertEquals(9, second.stage(Stage.X).get(3, 1));
        assertEquals("我爱你😀", second.sentenceProperty().get());
    }

    @Test
    void savedWorkThatDoesNotFitIsSetAsideWithANoticeAndTheViewStartsFresh(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(QkvAutosave.FILE_NAME);
        QkvViewModel first = vm();
        AutosaveFile.Content good = QkvAutosave.toContent(first.userState());
        Map<String, String> bad = new java.util.HashMap<>(good.metadata());
        bad.put("dModel", "5"); // X is 3×2
        AutosaveFile.save(file, new AutosaveFile.Content(bad, good.matrices()));
        QkvViewModel second = vm();
        Optional<String> notice;
        try (DebouncedSaver saver = new DebouncedSaver("autosave", Duration.ofHours(1), e -> { })) {
            notice = new QkvAutosave(second, file, saver).start();
        }
        assertTrue(notice.orElseThrow().matches("kept as .*qkv\\.safetensors\\.corrupt-\\d{8}-\\d{6} \\(X is 3×2; the settings need 3×5\\)"),
                notice.get());
        assertFalse(Files.exists(file));
        assertArrayEquals(new double[][] {{1, 0}, {0, 1}, {1, 1}}, second.stage(Stage.X).toArray(), "the lecture's example");
    }

    @Test
    void restoreChecksEverythingBeforeChangingAnything() {
        QkvViewModel vm = vm();
        QkvViewModel.UserState s = vm.userState();
        Matrix huge = Matrix.of(new double[][] {{1e7, 0}, {0, 1}, {1, 1}});
        QkvViewModel.UserState bad = new QkvViewModel.UserState(s.inputMode(), s.sentence(), s.split(), s.dModel(), s.heads(),
                s.dK(), s.head(), s.seed(), s.scaled(), s.precision(), s.mask(), s.weightInit(), s.tokens(), huge, s.wq(), s.wk(), s.wv());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vm.restore(bad));
        assertEquals("X [1, 1] is 1.0E7; expected a finite number within ±1000000", e.getMessage());
        assertEquals(1, vm.stage(Stage.X).get(0, 0));
        QkvViewModel.UserState fewLabels = new QkvViewModel.UserState(s.inputMode(), s.sentence(), s.split(), s.dModel(), s.heads(),
                s.dK(), s.head(), s.seed(), s.scaled(), s.precision(), s.mask(), s.weightInit(), List.of("a"), s.x(), null, null, null);
        assertEquals("1 token labels for 3 rows of X", assertThrows(IllegalArgumentException.class, () -> vm.restore(fewLabels)).getMessage());
    }
}
