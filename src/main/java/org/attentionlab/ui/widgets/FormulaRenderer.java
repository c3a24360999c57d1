package org.attentionlab.ui.widgets;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Insets;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

/**
 * Draws LaTeX with jlatexmath (Java2D, so it works headless) into images that JavaFX shows. One
 * instance, made by the composition root and shared by every {@link Formula}.
 *
 * <p>Images are drawn at {@link #SUPERSAMPLE} times the pixel size they are shown at, so a formula
 * stays sharp when a view is exported at 2× or 3× for slides. The first formula takes about a
 * second (jlatexmath loads its fonts), later ones a millisecond or two; {@link #warmUp()} pays the
 * first cost in the background at start-up. Rendering is serialised: jlatexmath keeps global state.
 */
public final class FormulaRenderer {

    /** How many image pixels stand for one screen pixel. */
    public static final double SUPERSAMPLE = 3;

    private static final int CACHE_SIZE = 256;
    private static final Object FONT_LOCK = new Object();
    private static String registeredCjkFamily;

    private final Map<Key, Rendered> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Rendered> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /** A drawn formula: the image and the size to show it at (in screen pixels). */
    public record Rendered(Image image, double width, double height) {
    }

    /** The formula could not be read; the message says where and why. */
    public static final class FormulaException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public FormulaException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Key(String latex, double pixelSize, int argb) {
    }

    /**
     * @param cjkFamily an installed font family with Chinese glyphs (see {@code CjkFonts}), used for
     *                  Chinese inside {@code \text{…}}; null when there is none
     */
    public FormulaRenderer(String cjkFamily) {
        synchronized (FONT_LOCK) {
            // jlatexmath keeps this table globally; register once per family.
            if (cjkFamily != null && !cjkFamily.equals(registeredCjkFamily)) {
                for (Character.UnicodeBlock block : new Character.UnicodeBlock[] {
                        Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS,
                        Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS_EXTENSION_A,
                        Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION,
                        Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS }) {
                    TeXFormula.registerExternalFont(block, cjkFamily);
                }
                registeredCjkFamily = cjkFamily;
            }
        }
    }

    /**
     * Draws {@code latex} with the body text {@code pixelSize} screen pixels high in colour
     * {@code argb}. Safe to call from any thread (images may be made off the FX thread).
     *
     * @throws FormulaException when jlatexmath cannot read the formula
     */
    public Rendered render(String latex, double pixelSize, int argb) {
        Objects.requireNonNull(latex, "latex");
        if (!(pixelSize > 0) || !Double.isFinite(pixelSize)) {
            throw new IllegalArgumentException("formula size is " + pixelSize + "; expected a positive number of pixels");
        }
        Key key = new Key(latex, pixelSize, argb);
        synchronized (this) {
            Rendered hit = cache.get(key);
            if (hit != null) {
                return hit;
            }
            BufferedImage image = draw(latex, (float) (pixelSize * SUPERSAMPLE), new Color(argb, true));
            Rendered r = new Rendered(SwingFXUtils.toFXImage(image, null),
                    image.getWidth() / SUPERSAMPLE, image.getHeight() / SUPERSAMPLE);
            cache.put(key, r);
            return r;
        }
    }

    /** Checks that jlatexmath can read {@code latex}; the message of the exception says why not. */
    public static void parse(String latex) {
        toFormula(latex);
    }

    /** Loads jlatexmath's fonts by drawing one formula; call once in the background at start-up. */
    public void warmUp() {
        render("\\alpha = \\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V", 18, 0xFF000000);
    }

    private static BufferedImage draw(String latex, float size, Color colour) {
        TeXFormula formula = toFormula(latex);
        TeXIcon icon = formula.new TeXIconBuilder().setStyle(TeXConstants.STYLE_DISPLAY).setSize(size).build();
        int pad = Math.round(size / 8);
        icon.setInsets(new Insets(pad, pad, pad, pad));
        icon.setForeground(colour);
        BufferedImage image = new BufferedImage(Math.max(1, icon.getIconWidth()), Math.max(1, icon.getIconHeight()),
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            icon.paintIcon(null, g, 0, 0);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static TeXFormula toFormula(String latex) {
        try {
            return new TeXFormula(latex);
        } catch (RuntimeException e) {
            // jlatexmath's ParseException is unchecked; other runtime errors come from malformed input too
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new FormulaException("cannot read the formula '" + latex + "': " + why, e);
        }
    }
}
