package org.attentionlab.ui.shell;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Picks a font family that has Chinese glyphs. JavaFX's default "System" font shows boxes for
 * Chinese on Linux even with Noto CJK installed, so the app names a CJK family explicitly for the
 * whole scene. The list covers Linux (Noto, Source Han, WenQuanYi), Windows (Microsoft YaHei,
 * SimHei) and macOS (PingFang, Hiragino).
 */
public final class CjkFonts {

    /** In order of preference: sans-serif first, they read better projected. */
    public static final List<String> PREFERRED = List.of(
            "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "Microsoft YaHei UI",
            "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
            "Noto Sans CJK TC", "Noto Sans CJK JP", "Droid Sans Fallback", "SimHei", "Noto Serif CJK SC", "SimSun");

    private CjkFonts() {
    }

    /** The first preferred family among {@code installed} (case-insensitive), if any. */
    public static Optional<String> choose(Collection<String> installed) {
        for (String want : PREFERRED) {
            for (String have : installed) {
                if (have.equalsIgnoreCase(want)) {
                    return Optional.of(have);
                }
            }
        }
        return Optional.empty();
    }
}
