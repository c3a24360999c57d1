package org.attentionlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.attentionlab.engine.trace.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV export of labelled matrices: exact numbers, −∞ as -inf, quoted labels, one file per matrix, atomic. */
class MatrixCsvTest {

    private static final double NEG = Double.NEGATIVE_INFINITY;

    @Test
    void labelsFirstThenRowsWithExactNumbersAndMinusInfinity() {
        LabeledMatrix m = new LabeledMatrix("masked scores S''", Matrix.of(new double[][] {{1, NEG}, {0.1 + 0.2, -2.5e-17}}),
                List.of("我", "爱"), List.of("我", "爱"));
        assertEquals("masked scores S'',我,爱\r\n我,1,-inf\r\n爱,0.30000000000000004,-2.5E-17\r\n", MatrixCsv.toCsv(m));
        assertEquals(0.1 + 0.2, Double.parseDouble("0.30000000000000004"), "numbers read back to the same double");
    }

    @Test
    void withoutLabelsRowsAndColumnsAreNumberedAndOddLabelsAreQuoted() {
        assertEquals("X,1,2\r\n1,0,-0.0\r\n", MatrixCsv.toCsv(LabeledMatrix.of("X", Matrix.of(new double[][] {{0, -0.0}}))));
        LabeledMatrix m = new LabeledMatrix("a,b", Matrix.of(new double[][] {{1}}), List.of("say \"hi\""), List.of(" x"));
        assertEquals("\"a,b\",\" x\"\r\n\"say \"\"hi\"\"\",1\r\n", MatrixCsv.toCsv(m));
    }

    @Test
    void oneFilePerMatrixWithUniqueNames(@TempDir Path dir) throws IOException {
        List<LabeledMatrix> ms = List.of(LabeledMatrix.of("scores S", Matrix.of(new double[][] {{1}})),
                LabeledMatrix.of("scaled S'", Matrix.of(new double[][] {{2}})),
                LabeledMatrix.of("scores S", Matrix.of(new double[][] {{3}})),
                LabeledMatrix.of("权重", Matrix.of(new double[][] {{4}})));
        List<Path> files = MatrixCsv.fileNames(dir, "qkv", ms);
        assertEquals(List.of("qkv-scores-s.csv", "qkv-scaled-s.csv", "qkv-scores-s-2.csv", "qkv.csv"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        List<Path> written = MatrixCsv.writeAll(dir, "qkv", ms);
        assertEquals(files, written);
        assertEquals("scaled S',1\r\n1,2\r\n", Files.readString(written.get(1), StandardCharsets.UTF_8));
        try (var listing = Files.list(dir)) {
            assertEquals(4, listing.count(), "no temporary files left behind");
        }
    }

    @Test
    void aMissingFolderIsAnIoErrorAndNothingIsWritten(@TempDir Path dir) {
        Path missing = dir.resolve("nope");
        assertThrows(IOException.class, () -> MatrixCsv.writeAll(missing, "x", List.of(LabeledMatrix.of("a", Matrix.of(new double[][] {{1}})))));
        assertFalse(Files.exists(missing));
    }

    @Test
    void pngFilesAreWrittenAtomically(@TempDir Path dir) throws IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        img.setRGB(1, 1, 0xFFFF0000);
        Path f = dir.resolve("a.png");
        PngFiles.write(f, img);
        java.awt.image.BufferedImage back = javax.imageio.ImageIO.read(f.toFile());
        assertEquals(3, back.getWidth());
        assertEquals(0xFFFF0000, back.getRGB(1, 1));
        try (var listing = Files.list(dir)) {
            assertTrue(listing.allMatch(p -> p.getFileName().toString().equals("a.png")));
        }
    }
}
