package org.attentionlab.cli;

import java.util.Optional;

import org.attentionlab.lesson.FormulaCheck;
import org.scilab.forge.jlatexmath.TeXFormula;

/**
 * Reads lesson formulas with jlatexmath, as the app draws them (headless: parsing needs no display).
 * The app's own check goes through its formula renderer; both accept and refuse the same LaTeX.
 */
final class LatexFormulaCheck implements FormulaCheck {

    @Override
    public Optional<String> problem(String latex) {
        try {
            new TeXFormula(latex);
            return Optional.empty();
        } catch (RuntimeException e) {
            // jlatexmath's ParseException is unchecked; other runtime errors come from malformed input too
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
