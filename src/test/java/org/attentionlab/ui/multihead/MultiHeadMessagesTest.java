package org.attentionlab.ui.multihead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.attentionlab.ui.EnumText;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Aggregate;
import org.attentionlab.ui.multihead.MultiHeadViewModel.PairFilter;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Stage;
import org.junit.jupiter.api.Test;

/**
 * The strings of the multi-head and model views: every key their code names (also as message
 * keys of view-model {@link Message}s, and keys built from enum names) exists in both languages,
 * and each English and Chinese text uses the same {@code {n}} placeholders and formats.
 */
class MultiHeadMessagesTest {

    private static final Pattern KEY = Pattern.compile("\"((?:multihead|model|menu|nav|enum)\\.[A-Za-z0-9_.-]*[A-Za-z0-9_])\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");
    /** Keys that name settings, not messages. */
    private static final Set<String> NOT_MESSAGES = Set.of("model.lastFolder");

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MultiHeadMessagesTest.class.getResourceAsStream("/org/attentionlab/ui/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    static Set<String> usedKeys() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String dir : new String[] {"src/main/java/org/attentionlab/ui/multihead", "src/main/java/org/attentionlab/ui/model"}) {
            try (Stream<Path> files = Files.walk(Path.of(dir))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = KEY.matcher(Files.readString(f, StandardCharsets.UTF_8));
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        used.removeAll(NOT_MESSAGES);
        for (Stage s : Stage.values()) {
            used.add("multihead.stage." + s.lessonName());
        }
        for (String setting : new String[] {"heads", "dModel", "layers", "seed"}) {
            used.add("multihead.setting." + setting + ".help");
        }
        for (Aggregate a : Aggregate.values()) {
            used.add(EnumText.key(a));
            if (a != Aggregate.NONE) {
                used.add("multihead.combined.formula." + a.lessonName());
            }
        }
        for (PairFilter f : PairFilter.values()) {
            used.add(EnumText.key(f));
        }
        return used;
    }

    @Test
    void everyKeyOfTheseViewsExistsInBothLanguages() throws IOException {
        Set<String> used = usedKeys();
        assertTrue(used.size() > 100, "the scan found only " + used.size() + " keys");
        for (String bundle : new String[] {"messages_en.properties", "messages_zh_CN.properties"}) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(load(bundle).stringPropertyNames());
            assertEquals(Set.of(), missing, "missing from " + bundle);
        }
    }

    @Test
    void bothLanguagesUseTheSamePlaceholdersAndEveryTextFormats() throws IOException {
        Properties en = load("messages_en.properties");
        Properties zh = load("messages_zh_CN.properties");
        for (String key : usedKeys()) {
            assertEquals(placeholders(en.getProperty(key)), placeholders(zh.getProperty(key)), key);
            Object[] args = {"A", "B", "C", "D", "E", "F", "G"};
            String e = new MessageFormat(en.getProperty(key), Locale.ENGLISH).format(args);
            String z = new MessageFormat(zh.getProperty(key), Locale.SIMPLIFIED_CHINESE).format(args);
            for (int i : placeholders(en.getProperty(key))) {
                assertTrue(e.contains(String.valueOf(args[i])), key + " (en) lost {" + i + "}: " + e);
                assertTrue(z.contains(String.valueOf(args[i])), key + " (zh) lost {" + i + "}: " + z);
            }
            assertTrue(!zh.getProperty(key).equals(en.getProperty(key)) || key.startsWith("enum.pairfilter.a")
                    || key.startsWith("enum.pairfilter.b") || key.equals("multihead.setting.dModel"),
                    key + " is not translated");
        }
    }

    private static Set<Integer> placeholders(String text) {
        Set<Integer> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }
}
