package org.attentionlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing the user made is lost to a kill: a child JVM ({@link KillWriter}) writes settings and a
 * lesson file in a loop and is killed (destroyForcibly, SIGKILL) at a random moment, 100 times in
 * all (two lanes of 50 side by side, each in its own folder, so that the JVM start-ups overlap).
 * After every kill both files are exactly one complete version: the settings open without being
 * set aside and their three values belong to one version; the lesson equals one version's text;
 * and the versions never go back. Prints how many kills, how long, and how many temporary files
 * the kills left behind.
 */
class KillTest {

    private static final int LANES = 2;
    private static final int KILLS_PER_LANE = 50;

    /** What one lane saw. */
    record Lane(int kills, long settingsVersion, long lessonVersion, long temporaryFiles, long delayMillis) {
    }

    @Test
    void aKillAtAnyMomentLeavesTheOldOrTheNewFileNeverHalfOfOne(@TempDir Path dir) throws Exception {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(LANES);
        List<Future<Lane>> lanes = new ArrayList<>();
        try {
            for (int i = 0; i < LANES; i++) {
                Path laneDir = Files.createDirectories(dir.resolve("lane" + i));
                long seed = 10 + i;
                lanes.add(pool.submit(() -> lane(laneDir, seed)));
            }
            int kills = 0;
            long temps = 0;
            long delays = 0;
            List<String> versions = new ArrayList<>();
            for (Future<Lane> f : lanes) {
                Lane l = f.get(5, TimeUnit.MINUTES);
                kills += l.kills();
                temps += l.temporaryFiles();
                delays += l.delayMillis();
                versions.add(l.settingsVersion() + "/" + l.lessonVersion());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertEquals(LANES * KILLS_PER_LANE, kills);
            System.out.printf("kill test: %d kills in %.1f s (%d lanes; mean wait before a kill %.0f ms); every file whole after "
                    + "every kill; last settings/lesson versions per lane %s; %d temporary files left by kills mid-write%n",
                    kills, seconds, LANES, delays / (double) kills, versions, temps);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Lane lane(Path dir, long seed) throws Exception {
        Random random = new Random(seed);
        long next = 1;
        long lastSettings = 0;
        long lastLesson = 0;
        long delays = 0;
        for (int kill = 1; kill <= KILLS_PER_LANE; kill++) {
            Process child = start(dir, next);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line = out.readLine();
                assertEquals("ready", line, () -> "the writer did not start: " + stderr(dir));
                int delay = random.nextInt(40);
                delays += delay;
                Thread.sleep(delay);
            } finally {
                child.destroyForcibly();
            }
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the writer did not die");
            String where = dir.getFileName() + ", kill " + kill;
            SettingsStore s = SettingsStore.open(dir.resolve("settings.json"));
            assertTrue(s.notice().isEmpty(), () -> where + ": the settings file was corrupted: " + s.notice());
            long v = s.getLong("kill.version", -1);
            assertEquals(KillWriter.payload(v), s.getString("kill.payload", ""), where + ": the settings mix versions");
            assertEquals(v % 7, s.getLong("lesson.cross-attention.step", -1), where + ": the settings mix versions");
            assertTrue(v >= lastSettings, where + ": settings went back from " + lastSettings + " to " + v);
            String lesson = Files.readString(dir.resolve("lesson.yaml"));
            long lv = Long.parseLong(lesson.substring(lesson.lastIndexOf("version ") + 8).strip());
            assertEquals(KillWriter.lesson(lv), lesson, where + ": the lesson file is not one whole version");
            assertTrue(lv >= lastLesson, where + ": the lesson went back from " + lastLesson + " to " + lv);
            lastSettings = v;
            lastLesson = lv;
            next = Math.max(v, lv) + 1;
        }
        long temps;
        try (Stream<Path> files = Files.list(dir)) {
            temps = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
        return new Lane(KILLS_PER_LANE, lastSettings, lastLesson, temps, delays);
    }

    private static Process start(Path dir, long from) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
                "-cp", classPath(), KillWriter.class.getName(), dir.toString(), Long.toString(from));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("writer.err").toFile())).start();
    }

    /** Just what the writer needs: the compiled classes and Jackson (not ND4J or JavaFX). */
    private static String classPath() {
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Stream.of(full.split(File.pathSeparator))
                .filter(e -> e.endsWith("classes") || e.endsWith("test-classes") || e.contains("jackson"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String stderr(Path dir) {
        try {
            return Files.readString(dir.resolve("writer.err"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
