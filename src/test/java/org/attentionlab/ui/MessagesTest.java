package org.attentionlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.attentionlab.ui.widgets.ColorMap;
import org.junit.jupiter.api.Test;

/** Both languages have the same keys, and every key the code asks for exists. */
class MessagesTest {

    /** The lookup calls of {@link I18n} with a literal key, and pages' title keys. */
    private static final Pattern LOOKUP = Pattern.compile(
            "i18n\\s*\\.\\s*(?:get|format|text|textFormat)\\(\\s*\"([^\"]+)\"");
    private static final Pattern PAGE = Pattern.compile("new Page\\(\\s*\"[^\"]*\"\\s*,\\s*\"([^\"]+)\"");
    /** Message keys named as constants ({@code KEY = "…"} or enum arguments ending in a key). */
    private static final Pattern KEY_LITERAL = Pattern.compile("\"((?:qkv|shell|menu|status|keys|nav|app|pe|mask|export|tokenizer|embedding)\\.[A-Za-z0-9_.]*[A-Za-z0-9_])\"");

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = I18n.class.getResourceAsStream("/org/attentionlab/ui/" + name)) {
            assertTrue(in != null, name + " is missing");
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        Set<String> en = new TreeSet<>(load("messages_en.properties").stringPropertyNames());
        Set<String> zh = new TreeSet<>(load("messages_zh_CN.properties").stringPropertyNames());
        Set<String> onlyEn = new TreeSet<>(en);
        onlyEn.removeAll(zh);
        Set<String> onlyZh = new TreeSet<>(zh);
        onlyZh.removeAll(en);
        assertEquals(Set.of(), onlyEn, "keys only in messages_en.properties");
        assertEquals(Set.of(), onlyZh, "keys only in messages_zh_CN.properties");
    }

    @Test
    void chineseBundleIsReadAsUtf8() {
        I18n i18n = new I18n(Locale.SIMPLIFIED_CHINESE);
        assertEquals("注意力实验室 Attention Lab", i18n.get("app.title"));
        i18n.setLocale(Locale.ENGLISH);
        assertEquals("Attention Lab", i18n.get("app.title"));
    }

    @Test
    void everyKeyTheCodeUsesExists() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/attentionlab/ui"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f, StandardCharsets.UTF_8);
                for (Pattern p : new Pattern[] {LOOKUP, PAGE, KEY_LITERAL}) {
                    Matcher m = p.matcher(src);
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        for (ColorMap map : ColorMap.values()) {
            used.add(map.messageKey());
        }
        used.addAll(EnumKeys.all());
        assertTrue(used.size() > 20, "the scan found only " + used.size() + " keys; is the pattern still right?");
        for (String bundle : new String[] {"messages_en.properties", "messages_zh_CN.properties"}) {
            Properties p = load(bundle);
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(p.stringPropertyNames());
            assertEquals(Set.of(), missing, "keys used in the code but missing from " + bundle);
        }
    }

    @Test
    void unknownKeyShowsItselfInsteadOfCrashing() {
        assertEquals("⟦no.such.key⟧", new I18n(Locale.ENGLISH).get("no.such.key"));
    }

    @Test
    void systemLocaleChoosesTheLanguage() {
        assertEquals(Locale.SIMPLIFIED_CHINESE, I18n.supported(Locale.TRADITIONAL_CHINESE));
        assertEquals(Locale.SIMPLIFIED_CHINESE, I18n.supported(Locale.forLanguageTag("zh-CN")));
        assertEquals(Locale.ENGLISH, I18n.supported(Locale.GERMANY));
        assertEquals(Locale.ENGLISH, I18n.supported(null));
    }
}
