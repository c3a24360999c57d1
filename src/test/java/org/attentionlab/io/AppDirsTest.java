package org.attentionlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AppDirsTest {

    @Test
    void followsEachOperatingSystemsConvention() {
        assertEquals(Path.of("C:/Users/li/AppData/Roaming", "AttentionLab"),
                AppDirs.resolve("Windows 11", Map.of("APPDATA", "C:/Users/li/AppData/Roaming"), "C:/Users/li", null));
        assertEquals(Path.of("/Users/li/Library/Application Support/AttentionLab"),
                AppDirs.resolve("Mac OS X", Map.of(), "/Users/li", null));
        assertEquals(Path.of("/home/li/.local/share/attention-lab"), AppDirs.resolve("Linux", Map.of(), "/home/li", null));
        assertEquals(Path.of("/data/attention-lab"), AppDirs.resolve("Linux", Map.of("XDG_DATA_HOME", "/data"), "/home/li", null));
        assertEquals(Path.of("/tmp/x"), AppDirs.resolve("Linux", Map.of(), "/home/li", "/tmp/x"));
        assertEquals(Path.of("/tmp/x/logs"), new AppDirs(Path.of("/tmp/x")).logs());
    }
}
