package org.attentionlab.ui.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.attentionlab.lesson.LessonLibrary;
import org.attentionlab.lesson.Step;
import org.attentionlab.ui.lessons.Markdown.Block;
import org.attentionlab.ui.lessons.Markdown.Span;
import org.junit.jupiter.api.Test;

/** The Markdown lessons use, parsed into blocks; odd input never throws. */
class MarkdownTest {

    private static Markdown.Paragraph para(String md) {
        List<Block> b = Markdown.parse(md);
        assertEquals(1, b.size(), b.toString());
        return assertInstanceOf(Markdown.Paragraph.class, b.get(0));
    }

    @Test
    void boldItalicCodeAndLiteralUnderscores() {
        List<Span> s = para("The **query Q** meets *each* key `K`: W_Q and d_k stay as written.").spans();
        assertEquals(List.of(
                new Span("The ", false, false, false),
                new Span("query Q", true, false, false),
                new Span(" meets ", false, false, false),
                new Span("each", false, true, false),
                new Span(" key ", false, false, false),
                new Span("K", false, false, true),
                new Span(": W_Q and d_k stay as written.", false, false, false)), s);
    }

    @Test
    void anAsteriskBetweenSpacesIsMultiplicationAndAnUnclosedOneStaysText() {
        assertEquals("2 * 3 * 4 = 24", Markdown.text(para("2 * 3 * 4 = 24").spans()));
        assertEquals("a **b", Markdown.text(para("a **b").spans()));
        assertEquals(List.of(new Span("x ", false, false, false), new Span("both", true, true, false)),
                para("x ***both***").spans());
    }

    @Test
    void linesOfAParagraphJoinWithASpaceButNotBetweenChineseCharacters() {
        assertEquals("one two", Markdown.text(para("one\ntwo").spans()));
        assertEquals("注意力机制", Markdown.text(para("注意力\n机制").spans()));
        assertEquals("first\nsecond", Markdown.text(para("first  \nsecond").spans()));
    }

    @Test
    void entitiesLinksAndEscapes() {
        assertEquals("<eos> & \"x\" é", Markdown.text(para("&lt;eos&gt; &amp; &quot;x&quot; &#233;").spans()));
        assertEquals("see the paper (offline)", Markdown.text(para("see [the paper](https://arxiv.org/abs/1706.03762) (offline)").spans()));
        assertEquals("*not italic* and [x]", Markdown.text(para("\\*not italic\\* and [x]").spans()));
        assertEquals("&bogus; stays", Markdown.text(para("&bogus; stays").spans()));
    }

    @Test
    void listsNumberedListsHeadingsQuotesAndCode() {
        List<Block> b = Markdown.parse("""
                # Title

                - first **item**
                  continued
                - second
                  - nested

                1. one
                2. two

                > a quote

                ```
                x = softmax(s)
                ```
                """);
        assertEquals(5, b.size(), b.toString());
        assertEquals(1, ((Markdown.Heading) b.get(0)).level());
        Markdown.ListBlock bullets = (Markdown.ListBlock) b.get(1);
        assertEquals(3, bullets.items().size());
        assertEquals("first item continued", Markdown.text(bullets.items().get(0).spans()));
        assertTrue(bullets.items().get(0).spans().stream().anyMatch(Span::bold));
        assertEquals(1, bullets.items().get(2).level());
        Markdown.ListBlock numbers = (Markdown.ListBlock) b.get(2);
        assertEquals(List.of("1.", "2."), numbers.items().stream().map(Markdown.Item::marker).toList());
        assertTrue(((Markdown.Paragraph) b.get(3)).quote());
        assertEquals("a quote", Markdown.text(((Markdown.Paragraph) b.get(3)).spans()));
        assertEquals("x = softmax(s)", ((Markdown.Code) b.get(4)).text());
    }

    @Test
    void aPipeTableAsLesson11WritesIt() {
        List<Block> b = Markdown.parse("""
                With a causal mask the weights are

                | | word 1 | word 2 | word 3 |
                |---|---|---|---|
                | word 1 | 1 | 0 | 0 |
                | word 2 | 0.269 | 0.731 | 0 |

                Just as the slide says.
                """);
        assertEquals(3, b.size());
        Markdown.Table t = (Markdown.Table) b.get(1);
        assertEquals(4, t.columns());
        assertEquals("", Markdown.text(t.header().get(0)));
        assertEquals("word 3", Markdown.text(t.header().get(3)));
        assertEquals("0.731", Markdown.text(t.rows().get(1).get(2)));
    }

    @Test
    void anImageOnItsOwnLineIsABlockInsideTextItsDescription() {
        List<Block> b = Markdown.parse("Look:\n\n![对齐 alignment](figures/align.png)\n\nand ![icon](i.png) inline");
        assertEquals(new Markdown.Image("对齐 alignment", "figures/align.png"), b.get(1));
        assertEquals("and icon inline", Markdown.text(((Markdown.Paragraph) b.get(2)).spans()));
    }

    @Test
    void oddInputNeverThrows() {
        for (String s : new String[] {null, "", "**", "*", "`", "[", "![", "](", "|", "|\n|-", "&#99999999;", "&#xD800;",
                "```\nunclosed", "- \n-", "#", "> ", "\\", "*a**b*c**"}) {
            Markdown.plain(Markdown.parse(s));
        }
        String big = "word **bold** `code` *it* ".repeat(40_000);
        assertTrue(Markdown.plain(Markdown.parse(big)).length() > 100_000);
    }

    @Test
    void everyShippedLessonTextParsesAndKeepsItsWords() {
        LessonLibrary library = LessonLibrary.load(Path.of("lessons"));
        int texts = 0;
        for (var lesson : library.lessons()) {
            for (Step s : lesson.steps()) {
                for (String md : List.of(s.text().zh(), s.text().en())) {
                    String plain = Markdown.plain(Markdown.parse(md));
                    assertTrue(!plain.isBlank(), lesson.id() + "/" + s.id());
                    assertTrue(!plain.contains("**"), lesson.id() + "/" + s.id() + " leaves ** in: " + plain);
                    texts++;
                }
            }
        }
        assertTrue(texts > 100, "texts: " + texts);
    }
}
