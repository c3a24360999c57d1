package org.attentionlab.ui.multihead;

/**
 * Antialiased straight lines of a given width, composited "over" one another into a pixel buffer:
 * what the lines view draws its thousands of translucent lines with, instead of asking the
 * graphics pipeline to rasterise a path per line (which JavaFX's software pipeline does slowly).
 * Each line costs about (width + 2) pixels per step along its longer axis. No JavaFX here: the
 * result is ARGB for a {@code PixelWriter}.
 */
final class LineRaster {

    private final int width;
    private final int height;
    /** Premultiplied colour and alpha per pixel, 0…1. */
    /** Premultiplied red, green, blue and alpha per pixel, 0…1, interleaved (4 floats a pixel). */
    private final float[] rgba;

    LineRaster(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a raster of " + width + " × " + height + " pixels; expected both positive");
        }
        this.width = width;
        this.height = height;
        rgba = new float[4 * width * height];
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /**
     * A line from (x0, y0) to (x1, y1), pixel centres at +0.5, of colour {@code rgb} (0xRRGGBB) and
     * opacity {@code opacity}, {@code lineWidth} pixels wide. A pixel's coverage falls off linearly
     * with its distance from the line's axis over the last pixel.
     */
    void line(double x0, double y0, double x1, double y1, int rgb, double opacity, double lineWidth) {
        float r = ((rgb >> 16) & 0xFF) / 255f;
        float g = ((rgb >> 8) & 0xFF) / 255f;
        float b = (rgb & 0xFF) / 255f;
        double half = lineWidth / 2;
        double dx = x1 - x0;
        double dy = y1 - y0;
        boolean steep = Math.abs(dy) > Math.abs(dx);
        // walk along the longer axis; the perpendicular distance is |offset| · cos θ
        double along0 = steep ? y0 : x0;
        double along1 = steep ? y1 : x1;
        double across0 = steep ? x0 : y0;
        double slope = (steep ? dx : dy) / ((steep ? dy : dx) == 0 ? 1 : (steep ? dy : dx));
        if (along1 < along0) {
            double t = along0;
            along0 = along1;
            along1 = t;
            across0 = steep ? x1 : y1;
        }
        double cos = 1 / Math.sqrt(1 + slope * slope);
        int reach = (int) Math.ceil((half + 0.5) / cos + 0.5);
        int limitAlong = steep ? height : width;
        int limitAcross = steep ? width : height;
        int start = Math.max(0, (int) Math.floor(along0));
        int end = Math.min(limitAlong - 1, (int) Math.ceil(along1) - 1);
        double edge = half + 0.5;
        // pixel index steps: along the walk, and across it
        int stepAlong = steep ? width : 1;
        int stepAcross = steep ? 1 : width;
        for (int a = start; a <= end; a++) {
            // only the two end steps can be partly covered along the walk
            double span = a == start || a == end ? Math.min(a + 1, along1) - Math.max(a, along0) : 1;
            if (span <= 0) {
                continue;
            }
            double centre = across0 + slope * (a + 0.5 - along0);
            int mid = (int) Math.floor(centre);
            int c0 = Math.max(0, mid - reach);
            int c1 = Math.min(limitAcross - 1, mid + reach);
            double strength = opacity * Math.min(1, span);
            int p = (a * stepAlong + c0 * stepAcross) * 4;
            for (int c = c0; c <= c1; c++, p += stepAcross * 4) {
                double coverage = edge - Math.abs(c + 0.5 - centre) * cos;
                if (coverage <= 0) {
                    continue;
                }
                float k = (float) (strength * Math.min(1, coverage));
                float keep = 1 - k;
                rgba[p] = r * k + rgba[p] * keep;
                rgba[p + 1] = g * k + rgba[p + 1] * keep;
                rgba[p + 2] = b * k + rgba[p + 2] * keep;
                rgba[p + 3] = k + rgba[p + 3] * keep;
            }
        }
    }

    /** The pixels as non-premultiplied ARGB, row by row. */
    int[] argb() {
        int[] out = new int[width * height];
        for (int q = 0; q < out.length; q++) {
            float a = rgba[4 * q + 3];
            if (a <= 0) {
                continue;
            }
            int ai = Math.round(Math.min(1, a) * 255);
            int ri = Math.round(Math.min(1, rgba[4 * q] / a) * 255);
            int gi = Math.round(Math.min(1, rgba[4 * q + 1] / a) * 255);
            int bi = Math.round(Math.min(1, rgba[4 * q + 2] / a) * 255);
            out[q] = ai << 24 | ri << 16 | gi << 8 | bi;
        }
        return out;
    }

    /** Opacity of pixel (x, y), 0…1 (for tests). */
    double alphaAt(int x, int y) {
        return rgba[4 * (y * width + x) + 3];
    }
}
