package org.attentionlab.io;

import java.nio.file.Path;

/**
 * The child process of {@link KillTest}: writes the user's settings (through {@link SettingsStore})
 * and a lesson file of their own (through {@link AtomicFiles}) in a loop, a new version each time,
 * until it is killed. Prints "ready" once it has loaded its classes and started looping.
 *
 * <p>Arguments: the folder, the version to start from (the parent passes the next one, so
 * versions keep rising across kills).
 */
public final class KillWriter {

    private KillWriter() {
    }

    /** Settings of version {@code v}: the number and a text that depends on it (so a mixed file shows). */
    static void fill(SettingsStore s, long v) {
        s.put("kill.version", v);
        s.put("kill.payload", payload(v));
        s.put("lesson.cross-attention.step", v % 7);
    }

    static String payload(long v) {
        return ("v" + v + " 注意力 ").repeat(200 + (int) (v % 50));
    }

    /** A user lesson of version {@code v}; long enough that writing it takes more than one system call. */
    static String lesson(long v) {
        StringBuilder b = new StringBuilder("id: my-lesson\norder: 90\ntitle: {zh: 我的课 " + v + ", en: My lesson " + v + "}\n"
                + "summary: {zh: 摘要, en: Summary}\nsteps:\n");
        for (int i = 0; i < 40 + v % 30; i++) {
            b.append("  - id: s").append(i).append("\n    view: text\n    text: {zh: 第").append(i).append("步 版本").append(v)
                    .append(", en: step ").append(i).append(" version ").append(v).append("}\n");
        }
        return b.append("# end of version ").append(v).append('\n').toString();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long v = Long.parseLong(args[1]);
        Path settingsFile = dir.resolve("settings.json");
        Path lessonFile = dir.resolve("lesson.yaml");
        boolean announced = false;
        while (true) {
            SettingsStore s = SettingsStore.open(settingsFile);
            fill(s, v);
            s.save();
            AtomicFiles.writeString(lessonFile, lesson(v));
            v++;
            if (!announced) {
                System.out.println("ready");
                System.out.flush();
                announced = true;
            }
        }
    }
}
