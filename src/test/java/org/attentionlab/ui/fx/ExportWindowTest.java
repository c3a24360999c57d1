package org.attentionlab.ui.fx;

import static org.attentionlab.ui.fx.TestWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import javafx.scene.input.KeyCode;

import org.attentionlab.cli.Cli;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.lesson.StateValue;
import org.attentionlab.ui.export.ExportActions;
import org.attentionlab.ui.export.Snapshots;
import org.attentionlab.ui.mask.MaskView;
import org.attentionlab.ui.pe.PeView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Export, end to end: the {@code export} command's PNG is the picture the window shows (same
 * size at 1×, twice the size at 2×, the same pixels once scaled back down), and File → Export
 * writes PNG and CSV files, asking before it replaces one.
 */
@ExtendWith(ApplicationExtension.class)
class ExportWindowTest {

    @RegisterExtension
    final TestWindow window = TestWindow.opening();

    private void settle() throws Exception {
        window.settle(60);
    }

    record Run(int code, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theExportedPngIsWhatTheWindowShows(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> window.ui().shell().show("pe"));
        PeView view = robot.lookup("#pe-view").queryAs(PeView.class);
        robot.interact(() -> view.applyLessonState(StateMap.of(java.util.Map.of(
                "panels", new StateValue.Texts(List.of("plot", "heatmap"))))));
        waitUntil(() -> !view.busyProperty().get() && view.viewModel().result() != null);
        settle();
        BufferedImage window = WaitForAsyncUtils.asyncFx(() -> Snapshots.render(view.exportNode(), 1)).get(60, TimeUnit.SECONDS);

        Path one = dir.resolve("pe-1x.png");
        Run r1 = cli("export", "--view", "pe", "--panels", "plot,heatmap", "--scale", "1", "--out", one.toString());
        assertEquals(0, r1.code(), r1.err());
        assertEquals("", r1.err());
        BufferedImage png1 = ImageIO.read(one.toFile());
        assertEquals(window.getWidth(), png1.getWidth());
        assertEquals(window.getHeight(), png1.getHeight());
        assertTrue(meanDifference(window, png1) < 1.0, "1×: " + meanDifference(window, png1));

        // the same file again at 2×: --force replaces it
        Path two = one;
        Run r2 = cli("export", "--view", "pe", "--panels", "plot,heatmap", "--scale", "2", "--force", "--out", two.toString());
        assertEquals(0, r2.code(), r2.err());
        assertTrue(r2.out().startsWith("wrote " + two), r2.out());
        BufferedImage png2 = ImageIO.read(two.toFile());
        assertEquals(2 * window.getWidth(), png2.getWidth(), 1.0);
        assertEquals(2 * window.getHeight(), png2.getHeight(), 1.0);
        double d = meanDifference(window, halve(png2));
        assertTrue(d < 6.0, "2× scaled down differs from the window by " + d + " per channel");
    }

    @Test
    void fileMenuExportsPngAtTheChosenScaleAndCsvAndAsksBeforeReplacing(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> window.ui().shell().show("mask"));
        MaskView view = robot.lookup("#mask-view").queryAs(MaskView.class);
        waitUntil(() -> !view.busyProperty().get() && view.viewModel().result() != null);
        settle();
        Path png = dir.resolve("masks");
        List<List<Path>> asked = new ArrayList<>();
        boolean[] allow = {false};
        ExportActions actions = window.ui().window().exportActions();
        actions.setDialogs(new ExportActions.Dialogs() {
            @Override
            public Optional<Integer> scale() {
                return Optional.of(3);
            }

            @Override
            public Optional<Path> pngFile(String suggestedName) {
                assertEquals("mask.png", suggestedName);
                return Optional.of(png);
            }

            @Override
            public Optional<Path> csvFolder() {
                return Optional.of(dir);
            }

            @Override
            public boolean replace(List<Path> existing) {
                asked.add(existing);
                return allow[0];
            }
        });
        double w = WaitForAsyncUtils.asyncFx(() -> view.exportNode().getLayoutBounds().getWidth()).get();
        // Ctrl+E: File → Export view as PNG…
        robot.press(KeyCode.CONTROL).type(KeyCode.E).release(KeyCode.CONTROL);
        Path written = dir.resolve("masks.png");
        waitUntil(() -> Files.exists(written) && window.ui().shell().noticeProperty().get().contains("masks.png"));
        BufferedImage image = ImageIO.read(written.toFile());
        assertEquals(Math.ceil(3 * w), image.getWidth(), 1.0, "3× the width on screen");
        assertTrue(asked.isEmpty(), "a new file needs no question");

        // again: the file exists, the answer is no, nothing changes
        long before = Files.getLastModifiedTime(written).toMillis();
        byte[] bytes = Files.readAllBytes(written);
        robot.interact(actions::exportPng);
        settle();
        assertEquals(List.of(List.of(written)), asked);
        assertEquals(before, Files.getLastModifiedTime(written).toMillis());
        assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(written)));

        // CSV: one file per matrix, masked cells as -inf
        robot.interact(actions::exportCsv);
        Path masked = dir.resolve("mask-masked-scores-s.csv");
        waitUntil(() -> Files.exists(masked) && window.ui().shell().noticeProperty().get().contains("CSV"));
        List<String> lines = Files.readAllLines(masked, StandardCharsets.UTF_8);
        assertEquals("masked scores S'',你,好,[PAD]", lines.get(0));
        assertTrue(lines.get(1).startsWith("你,") && lines.get(1).endsWith(",-inf"), lines.get(1));
        List<String> weights = Files.readAllLines(dir.resolve("mask-weights-a.csv"), StandardCharsets.UTF_8);
        assertTrue(weights.get(1).endsWith(",0"), "exact zero: " + weights.get(1));
        // CSV again: every existing file is named in one question
        asked.clear();
        robot.interact(actions::exportCsv);
        settle();
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).contains(masked));
        assertFalse(asked.get(0).contains(written));
    }

    @Test
    void theQkvViewExportsItsPipelineWithLabelsAndMaskedCells(FxRobot robot) throws Exception {
        robot.interact(() -> window.ui().shell().show("qkv"));
        org.attentionlab.ui.qkv.QkvView qkv = robot.lookup("#qkv-view").queryAs(org.attentionlab.ui.qkv.QkvView.class);
        robot.interact(() -> qkv.viewModel().maskProperty().set(org.attentionlab.ui.qkv.QkvViewModel.MaskKind.CAUSAL));
        waitUntil(() -> !qkv.viewModel().busyProperty().get() && qkv.viewModel().stage(
                org.attentionlab.ui.qkv.QkvViewModel.Stage.MASKED).get(0, 1) == Double.NEGATIVE_INFINITY);
        List<org.attentionlab.io.LabeledMatrix> ms = qkv.exportMatrices();
        assertEquals(List.of("X", "W_Q", "W_K", "W_V", "Q", "K", "V", "scores S", "scaled S'", "masked S''", "weights A",
                "output Z"), ms.stream().map(org.attentionlab.io.LabeledMatrix::name).toList());
        org.attentionlab.io.LabeledMatrix masked = ms.get(9);
        assertEquals(List.of("x₁", "x₂", "x₃"), masked.rowLabels());
        assertEquals(List.of("x₁", "x₂", "x₃"), masked.colLabels());
        assertTrue(org.attentionlab.io.MatrixCsv.toCsv(masked).contains("x₁,1,-inf,-inf"));
        assertEquals(List.of(), ms.get(1).rowLabels(), "weights are numbered by dimension");
        assertTrue(qkv.exportNode().isVisible());
    }

    @Test
    void theCommandRefusesBadInputWithExitTwoAndOneLine(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("x.png");
        assertBad(cli("export", "--view", "heatmapp", "--out", out.toString()), "--view is 'heatmapp'");
        assertBad(cli("export", "--view", "pe", "--scale", "4", "--out", out.toString()), "--scale is 4; expected 1, 2 or 3");
        assertBad(cli("export", "--view", "pe", "--scale", "two", "--out", out.toString()), "--scale");
        assertBad(cli("export", "--view", "pe", "--out", dir.resolve("missing/x.png").toString()), "does not exist");
        assertBad(cli("export", "--view", "pe", "--out", dir.resolve("x.jpg").toString()), "does not end in .png");
        assertBad(cli("export", "--view", "pe", "--out", dir.toString()), "is a folder");
        assertBad(cli("export", "--view", "pe", "--heads", "2", "--out", out.toString()), "--heads does not apply to view pe");
        assertBad(cli("export", "--view", "pe", "--lang", "fr", "--out", out.toString()), "--lang is 'fr'");
        Files.writeString(out, "keep me");
        assertBad(cli("export", "--view", "pe", "--out", out.toString()), "exists; add --force to replace it");
        assertEquals("keep me", Files.readString(out));
        Path readOnly = dir.resolve("ro");
        Files.createDirectory(readOnly);
        if (readOnly.toFile().setWritable(false) && !Files.isWritable(readOnly)) {
            assertBad(cli("export", "--view", "pe", "--out", readOnly.resolve("x.png").toString()), "cannot be written");
        }
        // a view that is not (yet) driven by lessons: a clear message, not a crash
        Run mh = cli("export", "--view", "multihead", "--text", "the cat sat", "--heads", "2", "--out", dir.resolve("mh.png").toString());
        if (mh.code() != 0) {
            assertBad(mh, "--view multihead");
        }
    }

    private static void assertBad(Run r, String contains) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(contains), r.err());
    }

    /** Mean absolute difference per channel (0–255) over the common area. */
    static double meanDifference(BufferedImage a, BufferedImage b) {
        int w = Math.min(a.getWidth(), b.getWidth());
        int h = Math.min(a.getHeight(), b.getHeight());
        long sum = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int s = 0; s < 24; s += 8) {
                    sum += Math.abs(((p >> s) & 0xFF) - ((q >> s) & 0xFF));
                }
            }
        }
        return sum / (3.0 * w * h);
    }

    /** Each 2 × 2 block averaged into one pixel. */
    static BufferedImage halve(BufferedImage img) {
        int w = img.getWidth() / 2;
        int h = img.getHeight() / 2;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int p = img.getRGB(2 * x + dx, 2 * y + dy);
                        r += (p >> 16) & 0xFF;
                        g += (p >> 8) & 0xFF;
                        b += p & 0xFF;
                    }
                }
                out.setRGB(x, y, ((r / 4) << 16) | ((g / 4) << 8) | (b / 4));
            }
        }
        return out;
    }
}
