package org.attentionlab.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CjkFontsTest {

    @Test
    void picksTheFirstPreferredInstalledFamily() {
        assertEquals(Optional.of("Noto Sans CJK SC"),
                CjkFonts.choose(List.of("DejaVu Sans", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "System")));
        assertEquals(Optional.of("Microsoft YaHei"), CjkFonts.choose(List.of("Arial", "SimSun", "Microsoft YaHei")));
    }

    @Test
    void matchesCaseInsensitivelyAndReturnsTheInstalledSpelling() {
        assertEquals(Optional.of("PINGFANG SC"), CjkFonts.choose(List.of("PINGFANG SC")));
    }

    @Test
    void emptyWhenNoCjkFamilyIsInstalled() {
        assertEquals(Optional.empty(), CjkFonts.choose(List.of("DejaVu Sans", "System")));
    }
}
