package org.attentionlab.io;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Jackson's parse errors in words for the person who wrote the file: without the Java class names,
 * feature flags and "REDACTED source" notes that Jackson adds for programmers. The location (line,
 * column) is left to the caller, which knows whether the text came from a file or an option.
 */
public final class JsonErrors {

    private static final Pattern NON_STANDARD = Pattern.compile("Non-standard token '([^']*)'.*", Pattern.DOTALL);

    private JsonErrors() {
    }

    /** What is wrong, in plain words. */
    public static String plain(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        Matcher nonStandard = NON_STANDARD.matcher(m);
        if (nonStandard.matches()) {
            return "'" + nonStandard.group(1) + "' is not a JSON number (JSON has no NaN or Infinity)";
        }
        if (m.startsWith("Trailing token")) {
            return "there is more text after the end of the JSON value";
        }
        return m.replaceAll(", from `[^`]*`", "")
                .replaceAll(" \\(bound as `[^`]*`\\)", "")
                .replaceAll(": enable `[^`]*` to allow", "")
                .replaceAll(" \\(start marker at \\[Source: [^\\]]*\\]; line: (\\d+), column: (\\d+)\\)", " (opened at line $1, column $2)")
                .replaceAll("\\s*\\n\\s*", " ")
                .strip();
    }
}
