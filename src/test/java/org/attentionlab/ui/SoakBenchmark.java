package org.attentionlab.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.attentionlab.engine.Precision;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.ui.qkv.QkvViewModel;
import org.attentionlab.ui.qkv.QkvViewModel.MaskKind;
import org.attentionlab.ui.qkv.QkvViewModel.Split;
import org.attentionlab.ui.qkv.QkvViewModel.Stage;
import org.attentionlab.ui.qkv.QkvViewModel.WeightInit;
import org.bytedeco.javacpp.Pointer;

/**
 * The soak benchmark (a program, not a test; it stays out of {@code mvn verify}): 1 000 random
 * recomputations through the Q/K/V view-model with synchronous executors, as a long lesson or a
 * restless student would drive it (shapes, heads, masks, precision, sentences, typed numbers,
 * tokens added and removed), then the process's resident memory, the Java heap after a GC and
 * ND4J's off-heap memory (JavaCPP's {@link Pointer#physicalBytes()} and {@link Pointer#totalBytes()})
 * against the start. A leak of one trace per step would show as megabytes; noise is a few.
 *
 * <pre>
 * mvn -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.attentionlab.ui.SoakBenchmark [steps]
 * </pre>
 */
public final class SoakBenchmark {

    private SoakBenchmark() {
    }

    /** One measurement. */
    record Sample(int step, long rssKb, long heapKb, long physicalKb, long javacppKb) {
        String row() {
            return String.format(Locale.ROOT, "%6d  %9.1f  %8.1f  %13.1f  %12.1f", step, rssKb / 1024.0, heapKb / 1024.0,
                    physicalKb / 1024.0, javacppKb / 1024.0);
        }
    }

    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        QkvViewModel vm = new QkvViewModel(new Nd4jEngineService(), UiExecutors.direct());
        SplittableRandom r = new SplittableRandom(2017);
        for (int i = 0; i < 100; i++) { // warm-up: ND4J's caches, JIT, the shapes' first allocations
            step(vm, r);
        }
        List<Sample> samples = new ArrayList<>();
        samples.add(measure(0));
        long errors = 0;
        long cells = 0;
        long t0 = System.nanoTime();
        for (int i = 1; i <= steps; i++) {
            step(vm, r);
            if (vm.errorProperty().get() != null) {
                errors++;
            }
            Matrix w = vm.stage(Stage.WEIGHTS);
            cells += (long) w.rows() * w.cols();
            if (i % (steps / 10) == 0) {
                samples.add(measure(i));
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println("  step    RSS (MB)  heap (MB)  physical (MB)  JavaCPP (MB)");
        samples.forEach(s -> System.out.println(s.row()));
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        System.out.printf(Locale.ROOT, "%d recomputations in %.1f s (%.1f ms each, %d weight cells in all, %d refused by the view)%n",
                steps, seconds, seconds * 1000 / steps, cells, errors);
        System.out.printf(Locale.ROOT, "growth from step 0 to %d: RSS %+.1f MB, heap %+.1f MB, physical %+.1f MB, JavaCPP %+.1f MB%n",
                last.step(), (last.rssKb() - first.rssKb()) / 1024.0, (last.heapKb() - first.heapKb()) / 1024.0,
                (last.physicalKb() - first.physicalKb()) / 1024.0, (last.javacppKb() - first.javacppKb()) / 1024.0);
    }

    /** One random change, as a user makes them: each recomputes once. */
    static void step(QkvViewModel vm, SplittableRandom r) {
        switch (r.nextInt(10)) {
            case 0 -> vm.dModelProperty().set(1 + r.nextInt(48));
            case 1 -> vm.headsProperty().set(1 + r.nextInt(4));
            case 2 -> vm.maskProperty().set(r.nextBoolean() ? MaskKind.CAUSAL : MaskKind.NONE);
            case 3 -> vm.precisionProperty().set(r.nextBoolean() ? Precision.FLOAT32 : Precision.FLOAT64);
            case 4 -> vm.scaledProperty().set(!vm.scaledProperty().get());
            case 5 -> {
                vm.splitProperty().set(r.nextBoolean() ? Split.CHARACTERS : Split.WHITESPACE);
                vm.sentenceProperty().set("我爱自然语言处理 the weather is nice today 注意力".substring(0, 4 + r.nextInt(30)));
                vm.applySentence();
            }
            case 6 -> vm.weightInitProperty().set(r.nextBoolean() ? WeightInit.RANDOM : WeightInit.IDENTITY);
            case 7 -> {
                if (r.nextBoolean() && vm.stage(Stage.X).rows() < 40) {
                    vm.addToken();
                } else {
                    vm.removeToken();
                }
            }
            case 8 -> {
                Matrix x = vm.stage(Stage.X);
                vm.editX(r.nextInt(x.rows()), r.nextInt(x.cols()), r.nextDouble(-3, 3));
            }
            default -> {
                Matrix w = vm.stage(Stage.WQ);
                vm.editWeight(Stage.WQ, r.nextInt(w.rows()), r.nextInt(w.cols()), r.nextDouble(-2, 2));
            }
        }
    }

    static Sample measure(int step) throws IOException {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        long heap = (rt.totalMemory() - rt.freeMemory()) / 1024;
        return new Sample(step, rssKb(), heap, Pointer.physicalBytes() / 1024, Pointer.totalBytes() / 1024);
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
