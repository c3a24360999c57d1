package org.attentionlab.ui.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small part of Markdown that lessons use, parsed into blocks (no JavaFX here; {@link
 * MarkdownView} draws them): paragraphs, headings ({@code #}), bullet and numbered lists, pipe
 * tables, fenced code, quotes, images on a line of their own, and inline {@code **bold**},
 * {@code *italic*}, {@code `code`}, links (their text only: the app never follows a link) and the
 * HTML entities {@code &lt; &gt; &amp; &quot; &#NN;}.
 *
 * <p>Deliberately not Markdown: {@code _underscores_} are not emphasis (lessons write W_Q, d_k,
 * nn.Linear), raw HTML is shown as text, and nothing is ever fetched. A line break inside a
 * paragraph joins the lines with a space, except between two Chinese characters.
 */
public final class Markdown {

    /** A run of text with one style. */
    public record Span(String text, boolean bold, boolean italic, boolean code) {
        public Span {
            Objects.requireNonNull(text, "text");
        }

        static Span plain(String text) {
            return new Span(text, false, false, false);
        }
    }

    /** A block of the text. */
    public sealed interface Block {
    }

    /** A paragraph (or a quote). */
    public record Paragraph(List<Span> spans, boolean quote) implements Block {
        public Paragraph {
            spans = List.copyOf(spans);
        }
    }

    /** A heading, level 1 to 6. */
    public record Heading(int level, List<Span> spans) implements Block {
        public Heading {
            spans = List.copyOf(spans);
        }
    }

    /** One list item: its text, its nesting (0 = top) and its marker ("•" or "3."). */
    public record Item(List<Span> spans, int level, String marker) {
        public Item {
            spans = List.copyOf(spans);
        }
    }

    /** A bullet or numbered list. */
    public record ListBlock(List<Item> items) implements Block {
        public ListBlock {
            items = List.copyOf(items);
        }
    }

    /** A pipe table: a header row and body rows, each cell a list of spans. */
    public record Table(List<List<Span>> header, List<List<List<Span>>> rows) implements Block {
        public Table {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }

        public int columns() {
            int n = header.size();
            for (List<List<Span>> r : rows) {
                n = Math.max(n, r.size());
            }
            return n;
        }
    }

    /** Fenced code, shown as written. */
    public record Code(String text) implements Block {
    }

    /** An image on a line of its own: {@code ![alt](path)}, the path relative to the lesson folder. */
    public record Image(String alt, String path) implements Block {
    }

    private static final Pattern HEADING = Pattern.compile("(#{1,6})\\s+(.*?)\\s*#*\\s*");
    private static final Pattern BULLET = Pattern.compile("(\\s*)([-*+])\\s+(.*)");
    private static final Pattern NUMBERED = Pattern.compile("(\\s*)(\\d{1,9})[.)]\\s+(.*)");
    private static final Pattern IMAGE_LINE = Pattern.compile("\\s*!\\[([^\\]]*)\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)\\s*");
    private static final Pattern TABLE_RULE = Pattern.compile("\\s*\\|?\\s*:?-{1,}:?\\s*(\\|\\s*:?-{1,}:?\\s*)*\\|?\\s*");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|apos|nbsp|#\\d{1,7}|#[xX][0-9a-fA-F]{1,6});");

    private Markdown() {
    }

    /** The blocks of {@code text}; never throws, whatever the text. */
    public static List<Block> parse(String text) {
        List<String> lines = (text == null ? "" : text).replace("\r\n", "\n").replace('\r', '\n').lines().toList();
        List<Block> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank()) {
                i++;
                continue;
            }
            String trimmed = line.strip();
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                String fence = trimmed.substring(0, 3);
                StringBuilder code = new StringBuilder();
                i++;
                while (i < lines.size() && !lines.get(i).strip().startsWith(fence)) {
                    code.append(code.length() > 0 ? "\n" : "").append(lines.get(i));
                    i++;
                }
                i++; // the closing fence (or the end)
                out.add(new Code(code.toString()));
                continue;
            }
            Matcher h = HEADING.matcher(trimmed);
            if (h.matches()) {
                out.add(new Heading(h.group(1).length(), inline(h.group(2))));
                i++;
                continue;
            }
            Matcher img = IMAGE_LINE.matcher(line);
            if (img.matches()) {
                out.add(new Image(img.group(1), img.group(2)));
                i++;
                continue;
            }
            if (trimmed.startsWith("|") && i + 1 < lines.size() && TABLE_RULE.matcher(lines.get(i + 1)).matches()
                    && lines.get(i + 1).contains("-")) {
                List<List<Span>> header = cells(trimmed);
                List<List<List<Span>>> rows = new ArrayList<>();
                i += 2;
                while (i < lines.size() && lines.get(i).strip().startsWith("|")) {
                    rows.add(cells(lines.get(i).strip()));
                    i++;
                }
                out.add(new Table(header, rows));
                continue;
            }
            if (BULLET.matcher(line).matches() || NUMBERED.matcher(line).matches()) {
                List<Item> items = new ArrayList<>();
                int baseIndent = -1;
                while (i < lines.size() && !lines.get(i).isBlank()) {
                    String l = lines.get(i);
                    Matcher b = BULLET.matcher(l);
                    Matcher n = NUMBERED.matcher(l);
                    boolean bullet = b.matches();
                    boolean numbered = !bullet && n.matches();
                    if (bullet || numbered) {
                        Matcher m = bullet ? b : n;
                        int indent = m.group(1).replace("\t", "    ").length();
                        if (baseIndent < 0) {
                            baseIndent = indent;
                        }
                        int level = Math.max(0, Math.min(3, (indent - baseIndent) / 2));
                        items.add(new Item(inline(m.group(3)), level, bullet ? "•" : m.group(2) + "."));
                    } else if (!items.isEmpty()) {
                        // a continuation line of the last item
                        Item last = items.remove(items.size() - 1);
                        items.add(new Item(inline(joinSource(last, l)), last.level(), last.marker()));
                    }
                    i++;
                }
                out.add(new ListBlock(items));
                continue;
            }
            boolean quote = trimmed.startsWith(">");
            StringBuilder para = new StringBuilder();
            while (i < lines.size() && !lines.get(i).isBlank() && !startsBlock(lines, i, para.length() > 0)) {
                String l = lines.get(i).strip();
                if (quote && l.startsWith(">")) {
                    l = l.substring(1).strip();
                }
                appendLine(para, lines.get(i).endsWith("  ") || l.endsWith("\\") ? hardBreak(l) : l);
                i++;
            }
            out.add(new Paragraph(inline(para.toString()), quote));
        }
        return List.copyOf(out);
    }

    /** Whether line i starts another block (so that it ends a paragraph). */
    private static boolean startsBlock(List<String> lines, int i, boolean inParagraph) {
        String l = lines.get(i);
        String t = l.strip();
        return inParagraph && (HEADING.matcher(t).matches() || BULLET.matcher(l).matches() || NUMBERED.matcher(l).matches()
                || IMAGE_LINE.matcher(l).matches() || t.startsWith("```") || t.startsWith("~~~")
                || (t.startsWith("|") && i + 1 < lines.size() && TABLE_RULE.matcher(lines.get(i + 1)).matches()));
    }

    private static String hardBreak(String l) {
        return (l.endsWith("\\") ? l.substring(0, l.length() - 1) : l) + "\n";
    }

    /** The source text of an item plus a continuation line (items keep their source through {@link #plain}). */
    private static String joinSource(Item last, String line) {
        StringBuilder s = new StringBuilder();
        for (Span sp : last.spans()) {
            s.append(source(sp));
        }
        appendLine(s, line.strip());
        return s.toString();
    }

    private static String source(Span sp) {
        String t = sp.text().replace("\\", "\\\\").replace("*", "\\*").replace("`", "\\`");
        if (sp.code()) {
            return "`" + sp.text() + "`";
        }
        if (sp.bold() && sp.italic()) {
            return "***" + t + "***";
        }
        return sp.bold() ? "**" + t + "**" : sp.italic() ? "*" + t + "*" : t;
    }

    /** Joins a line to a paragraph: a space, except between Chinese characters (and after a hard break). */
    private static void appendLine(StringBuilder para, String line) {
        if (para.length() > 0 && para.charAt(para.length() - 1) != '\n') {
            int before = para.codePointBefore(para.length());
            int after = line.isEmpty() ? ' ' : line.codePointAt(0);
            if (!(cjk(before) && cjk(after))) {
                para.append(' ');
            }
        }
        para.append(line);
    }

    private static boolean cjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || Character.UnicodeBlock.of(cp) == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || Character.UnicodeBlock.of(cp) == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }

    private static List<List<Span>> cells(String row) {
        String r = row.strip();
        if (r.startsWith("|")) {
            r = r.substring(1);
        }
        if (r.endsWith("|") && !r.endsWith("\\|")) {
            r = r.substring(0, r.length() - 1);
        }
        List<List<Span>> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\' && i + 1 < r.length() && r.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                out.add(inline(cell.toString().strip()));
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(inline(cell.toString().strip()));
        return out;
    }

    /** Inline styles of one paragraph's text. */
    static List<Span> inline(String text) {
        List<Span> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        boolean bold = false;
        boolean italic = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && "\\`*_[]()#+-.!|<>&".indexOf(text.charAt(i + 1)) >= 0) {
                run.append(text.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '`') {
                int end = text.indexOf('`', i + 1);
                if (end > i) {
                    flush(out, run, bold, italic);
                    out.add(new Span(text.substring(i + 1, end), false, false, true));
                    i = end + 1;
                    continue;
                }
            }
            if (c == '!' && i + 1 < text.length() && text.charAt(i + 1) == '[') {
                // an image inside a paragraph: its description stands for it
                Link l = link(text, i + 1);
                if (l != null) {
                    run.append(l.text());
                    i = l.end();
                    continue;
                }
            }
            if (c == '[') {
                Link l = link(text, i);
                if (l != null) {
                    run.append(l.text());
                    i = l.end();
                    continue;
                }
            }
            if (c == '*') {
                int n = 1;
                while (i + n < text.length() && text.charAt(i + n) == '*' && n < 3) {
                    n++;
                }
                boolean closes = i > 0 && !Character.isWhitespace(text.charAt(i - 1));
                boolean opens = i + n < text.length() && !Character.isWhitespace(text.charAt(i + n));
                boolean toggleBold = n >= 2 && ((bold && closes) || (!bold && opens && text.indexOf("**", i + n) > 0));
                boolean toggleItalic = (n == 1 || n == 3) && ((italic && closes)
                        || (!italic && opens && text.indexOf('*', i + n) > 0));
                if (toggleBold || toggleItalic) {
                    flush(out, run, bold, italic);
                    if (toggleBold) {
                        bold = !bold;
                    }
                    if (toggleItalic) {
                        italic = !italic;
                    }
                    i += n;
                    continue;
                }
            }
            if (c == '&') {
                Matcher m = ENTITY.matcher(text).region(i, text.length());
                if (m.lookingAt()) {
                    run.append(entity(m.group(1)));
                    i = m.end();
                    continue;
                }
            }
            run.append(c);
            i++;
        }
        flush(out, run, bold, italic);
        return out;
    }

    private record Link(String text, int end) {
    }

    /** {@code [text](target)} starting at {@code open}, or null. */
    private static Link link(String s, int open) {
        int close = s.indexOf(']', open + 1);
        if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != '(') {
            return null;
        }
        int end = s.indexOf(')', close + 2);
        return end < 0 ? null : new Link(s.substring(open + 1, close), end + 1);
    }

    private static String entity(String name) {
        switch (name) {
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "amp":
                return "&";
            case "quot":
                return "\"";
            case "apos":
                return "'";
            case "nbsp":
                return "\u00a0";
            default:
                int cp = name.startsWith("#x") || name.startsWith("#X") ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(cp) && cp != 0 && !(cp >= 0xD800 && cp <= 0xDFFF)
                        ? new String(Character.toChars(cp)) : "\uFFFD";
        }
    }

    private static void flush(List<Span> out, StringBuilder run, boolean bold, boolean italic) {
        if (run.length() > 0) {
            out.add(new Span(run.toString(), bold, italic, false));
            run.setLength(0);
        }
    }

    /** The text without styles (for tests, tooltips and the teacher's preview of the next step). */
    public static String plain(List<Block> blocks) {
        StringBuilder s = new StringBuilder();
        for (Block b : blocks) {
            if (s.length() > 0) {
                s.append('\n');
            }
            if (b instanceof Paragraph p) {
                s.append(text(p.spans()));
            } else if (b instanceof Heading h) {
                s.append(text(h.spans()));
            } else if (b instanceof ListBlock l) {
                l.items().forEach(it -> s.append(it.marker()).append(' ').append(text(it.spans())).append('\n'));
            } else if (b instanceof Table t) {
                s.append(String.join(" | ", t.header().stream().map(Markdown::text).toList())).append('\n');
                t.rows().forEach(r -> s.append(String.join(" | ", r.stream().map(Markdown::text).toList())).append('\n'));
            } else if (b instanceof Code c) {
                s.append(c.text());
            } else if (b instanceof Image i) {
                s.append(i.alt());
            }
        }
        return s.toString().strip();
    }

    public static String text(List<Span> spans) {
        StringBuilder s = new StringBuilder();
        spans.forEach(sp -> s.append(sp.text()));
        return s.toString();
    }
}
