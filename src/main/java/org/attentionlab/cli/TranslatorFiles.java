package org.attentionlab.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.attentionlab.engine.train.Translator;
import org.attentionlab.io.ModelFileException;
import org.attentionlab.text.VocabularyException;

import picocli.CommandLine.Option;

/**
 * The {@code --model} option of the commands that run a translator (a picocli mixin), and loading
 * the folder it names, with bad input reported as such.
 */
final class TranslatorFiles {

    @Option(names = "--model", paramLabel = "DIR", description = "model folder (default: the shipped " + Translator.SHIPPED_PATH + ")")
    Path model;

    /** The folder {@code --model} names, or the shipped model without it. */
    Translator load() {
        return load(model);
    }

    /** {@code dir}, or the shipped model when null. */
    static Translator load(Path dir) {
        Path folder = dir != null ? dir : ShippedFiles.locate(Translator.SHIPPED_PATH, "--model");
        try {
            return Translator.load(folder);
        } catch (NoSuchFileException e) {
            throw new BadInputException("--model " + folder + ": " + e.getFile() + " does not exist", e);
        } catch (ModelFileException | VocabularyException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new BadInputException("--model " + folder + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
