package org.attentionlab.ui.bleu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.attentionlab.bleu.BleuTokenizer;
import org.attentionlab.bleu.NltkSmoothing;
import org.attentionlab.bleu.Smoothing;
import org.junit.jupiter.api.Test;

/**
 * Every message key the BLEU view uses exists in both languages: the literal {@code "bleu.…"}
 * keys in its sources and the keys it builds from enum names (modes, tokenizers, smoothings).
 */
class BleuMessagesTest {

    private static final Pattern LITERAL = Pattern.compile("\"(bleu\\.[A-Za-z0-9_.-]*[A-Za-z0-9_])\"");

    @Test
    void everyKeyExistsInBothLanguages() throws Exception {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/attentionlab/ui/bleu"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = LITERAL.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        for (BleuMode mode : BleuMode.values()) {
            used.add("bleu.mode." + mode.stateName());
            used.add("bleu.score.value." + mode.stateName());
        }
        used.add("bleu.signature.nltk");
        used.add("bleu.signature.textbook");
        for (BleuTokenizer t : BleuTokenizer.values()) {
            used.add("bleu.tok." + t.signatureName());
        }
        for (Smoothing s : Smoothing.values()) {
            used.add("bleu.smooth." + s.signatureName());
        }
        for (NltkSmoothing.Method m : NltkSmoothing.Method.values()) {
            used.add("bleu.nltk." + m);
        }
        used.add("nav.bleu");
        assertTrue(used.size() > 80, "the scan found only " + used.size() + " keys");
        for (String bundle : new String[] {"messages_en.properties", "messages_zh_CN.properties"}) {
            Properties p = new Properties();
            try (InputStream in = BleuMessagesTest.class.getResourceAsStream("/org/attentionlab/ui/" + bundle)) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(p.stringPropertyNames());
            assertEquals(Set.of(), missing, "keys missing from " + bundle);
            Set<String> unused = new TreeSet<>(p.stringPropertyNames());
            unused.removeIf(k -> !k.startsWith("bleu."));
            unused.removeAll(used);
            assertEquals(Set.of(), unused, "bleu keys in " + bundle + " that nothing uses");
        }
    }
}
