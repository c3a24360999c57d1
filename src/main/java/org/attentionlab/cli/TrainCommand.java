package org.attentionlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.attentionlab.engine.train.ParallelCorpus;
import org.attentionlab.engine.train.Trainer;
import org.attentionlab.engine.train.TrainerOptions;
import org.attentionlab.engine.train.TrainingListener;
import org.attentionlab.engine.train.TrainingOutcome;
import org.attentionlab.engine.train.TrainingProgress;
import org.attentionlab.engine.train.TrainingTask;
import org.attentionlab.engine.train.experiments.DigitTask;
import org.attentionlab.engine.train.experiments.DigitTaskExperiment;
import org.attentionlab.engine.train.experiments.SimpleAttentionExperiment;
import org.attentionlab.engine.train.experiments.TranslatorExperiment;
import org.attentionlab.io.ModelFileException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code train EXPERIMENT}: runs one of the course's training experiments headless, one line per
 * logging step, and writes the model at the end when {@code --out} is given.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train one of the experiments and print one line per logging step (JSON lines with step, loss, lr,",
            "grad_norm under --format json). The same --seed gives the same loss curve to the last digit.",
            "",
            "  simple-attention  the notebook's SimpleAttention: W_Q, W_K, W_V as nn.Linear(4, 3), MSE, Adam;",
            "                    defaults --seed 42 --lr 0.01 --steps 20 reproduce the notebook's printed losses",
            "  copy, reverse     a one-layer encoder-decoder on digit sequences; its cross-attention becomes",
            "                    a diagonal (copy) or an anti-diagonal (reverse)",
            "  translator        the tiny English -> French-like translator on assets/corpora/tiny-translation;",
            "                    the defaults reproduce the shipped model in assets/models/tiny-translator",
            "",
            "--lr is Adam's learning rate for simple-attention, and the peak of the warm-up/inverse-square-root",
            "schedule (paper section 5.3) for the others."},
        footer = {"", "Examples:",
            "  train simple-attention",
            "  train reverse --steps 800 --format json",
            "  train translator --seed 1 --out my-translator"})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "simple-attention, copy, reverse or translator")
    String experiment;

    @Option(names = "--seed", paramLabel = "S", description = "random seed (default: 42 for simple-attention, 1 otherwise)")
    Long seed;

    @Option(names = "--steps", paramLabel = "N", description = "optimizer steps (default: 20, 600, 600, 3000)")
    Integer steps;

    @Option(names = "--lr", paramLabel = "X", description = "learning rate (default: 0.01, 0.003, 0.003, 0.002)")
    Double lr;

    @Option(names = "--out", paramLabel = "DIR", description = "write the trained model to this folder")
    Path out;

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "translator only: folder with train.en and train.fr (default: the shipped " + ParallelCorpus.SHIPPED_PATH + ")")
    Path corpus;

    @Option(names = "--log-every", paramLabel = "N", description = "print every N steps (default: 1, 50, 50, 100)")
    Integer logEvery;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (aligned columns) or json (one object per line). Default: ${DEFAULT-VALUE}")
    String format;

    private interface Saver {
        void save(Path dir, int stepsDone, List<Double> losses) throws IOException;
    }

    @Override
    public Integer call() throws IOException {
        Options.requireOneOf("EXPERIMENT", experiment, "simple-attention", "copy", "reverse", "translator");
        Options.requireOneOf("--format", format, "text", "json");
        if (steps != null && steps < 1) {
            throw new BadInputException("--steps is " + steps + "; expected a positive whole number");
        }
        if (lr != null && !(lr > 0 && lr < 10)) {
            throw new BadInputException("--lr is " + lr + "; expected a positive number below 10");
        }
        if (logEvery != null && logEvery < 1) {
            throw new BadInputException("--log-every is " + logEvery + "; expected a positive whole number");
        }
        if (corpus != null && !experiment.equals("translator")) {
            throw new BadInputException("--corpus only applies to the translator experiment");
        }
        TrainingTask task;
        Saver saver;
        int every;
        switch (experiment) {
            case "simple-attention" -> {
                SimpleAttentionExperiment.Settings d = SimpleAttentionExperiment.Settings.notebook();
                SimpleAttentionExperiment e = new SimpleAttentionExperiment(new SimpleAttentionExperiment.Settings(
                        seed != null ? seed : d.seed(), lr != null ? lr : d.learningRate(), steps != null ? steps : d.steps()));
                task = e;
                saver = (dir, n, losses) -> e.save(dir, losses);
                every = 1;
            }
            case "copy", "reverse" -> {
                DigitTask t = DigitTask.valueOf(experiment.toUpperCase(Locale.ROOT));
                DigitTaskExperiment.Settings s = DigitTaskExperiment.Settings.defaults(t);
                s = s.withSeed(seed != null ? seed : s.seed()).withSteps(steps != null ? steps : s.steps())
                        .withPeakRate(lr != null ? lr : s.peakRate());
                DigitTaskExperiment e = new DigitTaskExperiment(s);
                task = e.task();
                saver = (dir, n, losses) -> e.save(dir, n);
                every = 50;
            }
            default -> {
                TranslatorExperiment.Settings s = TranslatorExperiment.Settings.defaults();
                s = s.withSeed(seed != null ? seed : s.seed()).withSteps(steps != null ? steps : s.steps())
                        .withPeakRate(lr != null ? lr : s.peakRate());
                TranslatorExperiment e = new TranslatorExperiment(loadCorpus(), s);
                task = e.task();
                saver = (dir, n, losses) -> e.save(dir, n);
                every = 100;
            }
        }
        final int printEvery = logEvery != null ? logEvery : every;
        PrintWriter pw = spec.commandLine().getOut();
        boolean json = format.equals("json");
        List<Double> losses = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onProgress(TrainingProgress p) {
                losses.add(p.loss());
                if (p.step() % printEvery == 0 || p.step() == p.totalSteps()) {
                    pw.println(json ? jsonLine(mapper, p) : String.format(Locale.ROOT, "step %" + digits(p.totalSteps())
                            + "d/%d  loss %.6f  lr %s  grad_norm %s", p.step(), p.totalSteps(), p.loss(),
                            significant(p.learningRate(), 6), significant(p.gradientNorm(), 4)));
                    pw.flush();
                }
            }
        };
        Trainer trainer = new Trainer(task, new TrainerOptions(1, 0, false), listener);
        trainer.start(Runnable::run);
        TrainingOutcome outcome = trainer.completion().join();
        if (outcome.error() != null) {
            if (outcome.error() instanceof ArithmeticException) {
                throw new BadInputException(outcome.error().getMessage(), outcome.error());
            }
            throw new IllegalStateException("training failed: " + outcome.error(), outcome.error());
        }
        if (out != null) {
            try {
                saver.save(out, outcome.steps(), losses);
            } catch (IOException e) {
                throw new BadInputException("--out " + out + ": cannot write the model (" + e.getMessage() + ")", e);
            }
            spec.commandLine().getErr().println("train: wrote the model to " + out);
            spec.commandLine().getErr().flush();
        }
        return Cli.OK;
    }

    private ParallelCorpus loadCorpus() throws IOException {
        Path dir = corpus != null ? corpus : ShippedFiles.locate(ParallelCorpus.SHIPPED_PATH, "--corpus");
        try {
            return ParallelCorpus.load(dir, "train");
        } catch (NoSuchFileException e) {
            throw new BadInputException("--corpus " + dir + ": " + e.getFile() + " does not exist (expected train.en and train.fr)", e);
        } catch (ModelFileException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** {@code x} to {@code digits} significant digits without trailing zeros: 0.05, 0.00133333. */
    static String significant(double x, int digits) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%." + digits + "g", x)).stripTrailingZeros().toPlainString();
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }

    private static String jsonLine(ObjectMapper mapper, TrainingProgress p) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("step", p.step());
        o.put("loss", p.loss());
        o.put("lr", p.learningRate());
        o.put("grad_norm", p.gradientNorm());
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
