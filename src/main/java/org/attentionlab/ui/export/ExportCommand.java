package org.attentionlab.ui.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.attentionlab.io.PngFiles;
import org.attentionlab.lesson.StateMap;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code export}: a view as PNG, headless, the same picture the app's window shows, for teachers
 * who script their slides. Bad input (a view name, a path, an existing file, a scale) exits 2 with
 * one line on stderr, before JavaFX starts where it can.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Renders a view to PNG without a display, as the app's 1920x1080 window shows it.",
            "Example: export --view pe --scale 2 --out pe.png",
            "         export --view mask --text \"我 爱 你|你 好\" --mask both --out masks.png"})
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--view", required = true, paramLabel = "VIEW",
            description = "qkv, multihead, pe, mask (tokenizer, bleu once those views can be driven)")
    String view;

    @Option(names = "--text", paramLabel = "TEXT",
            description = "the input sentence; for the mask view the batch's sentences separated by '|'")
    String text;

    @Option(names = "--heads", paramLabel = "N", description = "number of heads (qkv, multihead)")
    Integer heads;

    @Option(names = "--mask", paramLabel = "MASK", description = "qkv: none or causal; mask: padding, causal or both")
    String mask;

    @Option(names = "--panels", split = ",", paramLabel = "PANEL",
            description = "only these panels, in this order (the view's lesson panels, e.g. plot,heatmap for pe)")
    java.util.List<String> panels;

    @Option(names = "--scale", defaultValue = "2", paramLabel = "1|2|3", description = "pixels per screen pixel (default: ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--lang", defaultValue = "en", paramLabel = "en|zh", description = "language of the labels (default: ${DEFAULT-VALUE})")
    String lang;

    @Option(names = "--force", description = "replace --out if it exists")
    boolean force;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "the PNG to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Snapshots.SCALES.contains(scale)) {
            throw new IllegalArgumentException("--scale is " + scale + "; expected 1, 2 or 3");
        }
        if (!lang.equals("en") && !lang.equals("zh")) {
            throw new IllegalArgumentException("--lang is '" + lang + "'; expected en or zh");
        }
        StateMap state = ExportStates.state(view, text, heads, mask, panels);
        Path target = checkTarget(out, force);
        Locale locale = lang.equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        BufferedImage image = HeadlessExport.render(view, state, scale, locale);
        try {
            PngFiles.write(target, image);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + out + " cannot be written: " + e.getMessage(), e);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println("wrote " + target + " (" + image.getWidth() + " × " + image.getHeight() + " pixels)");
        o.flush();
        return 0;
    }

    /**
     * The absolute path to write, after checking that it can be: a .png name in a folder that
     * exists and can be written, and not an existing file unless {@code force}.
     */
    static Path checkTarget(Path out, boolean force) {
        Path target = out.toAbsolutePath().normalize();
        String name = target.getFileName() == null ? "" : target.getFileName().toString();
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("--out " + out + " is a folder; give a file name such as slide.png");
        }
        if (!name.toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException("--out " + out + " does not end in .png; the export writes PNG");
        }
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + out + ": the folder " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException("--out " + out + ": the folder " + dir + " cannot be written");
        }
        if (Files.exists(target) && !force) {
            throw new IllegalArgumentException("--out " + out + " exists; add --force to replace it");
        }
        return target;
    }
}
