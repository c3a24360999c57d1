package org.attentionlab.ui.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NumberTextTest {

    @Test
    void fixedUsesARealMinusAndNoNegativeZero() {
        assertEquals("−0.50", NumberText.fixed(-0.5, 2));
        assertEquals("0.00", NumberText.fixed(-0.001, 2));
        assertEquals("0.2119", NumberText.fixed(0.21194155761708544, 4));
        assertEquals("−∞", NumberText.fixed(Double.NEGATIVE_INFINITY, 2));
    }

    @Test
    void exactShowsEightSignificantDigits() {
        assertEquals("0.21194156", NumberText.exact(0.21194155761708544));
        assertEquals("1", NumberText.exact(1.0));
        assertEquals("−2.5", NumberText.exact(-2.5));
        assertEquals("0", NumberText.exact(0.0));
    }

    @Test
    void parseAcceptsWhatPeopleType() {
        assertEquals(-2.5, NumberText.parse(" −2,5 "));
        assertEquals(-2.5, NumberText.parse("-2.5"));
        assertEquals(3.0, NumberText.parse("+3"));
        assertEquals(1e-3, NumberText.parse("1e-3"));
    }

    @Test
    void parseRefusesWhatIsNotAFiniteNumber() {
        for (String bad : new String[] {"", "  ", "abc", "NaN", "Infinity", "-Infinity", "0x10", "1/2"}) {
            assertThrows(NumberFormatException.class, () -> NumberText.parse(bad), bad);
        }
    }

    @Test
    void subscripts() {
        assertEquals("₃", NumberText.subscript(3));
        assertEquals("₁₂", NumberText.subscript(12));
    }
}
