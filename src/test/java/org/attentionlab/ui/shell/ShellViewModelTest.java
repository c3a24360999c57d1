package org.attentionlab.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.scene.layout.Region;

import org.attentionlab.engine.AttentionWeights;
import org.attentionlab.engine.BackendInfo;
import org.attentionlab.engine.Mask;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.trace.MultiHeadTrace;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.EngineService;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.UiExecutors;
import org.junit.jupiter.api.Test;

class ShellViewModelTest {

    /** An engine that only answers backend(), as configured. */
    private static final class FakeEngine implements EngineService {
        private final BackendInfo info;
        private final RuntimeException failure;

        FakeEngine(BackendInfo info, RuntimeException failure) {
            this.info = info;
            this.failure = failure;
        }

        @Override
        public BackendInfo backend() {
            if (failure != null) {
                throw failure;
            }
            return info;
        }

        @Override
        public AttentionWeights initialWeights(ModelConfig config, long seed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MultiHeadTrace selfAttention(double[][] x, ModelConfig config, AttentionWeights weights, Mask mask) {
            throw new UnsupportedOperationException();
        }
    }

    private static final BackendInfo CPU = new BackendInfo("CPU", "Test CPU", "OpenBLAS", 2,
            "org.nd4j.linalg.cpu.nativecpu.CpuBackend", "");

    private static ShellViewModel vm(EngineService engine, UiExecutors executors, List<Page> pages) {
        return new ShellViewModel(new I18n(Locale.ENGLISH), new Appearance(), engine, executors, pages);
    }

    @Test
    void backendLoadsInTheBackgroundAndLandsOnTheFxExecutor() {
        List<Runnable> background = new ArrayList<>();
        List<Runnable> fx = new ArrayList<>();
        ShellViewModel vm = vm(new FakeEngine(CPU, null), new UiExecutors(background::add, fx::add), List.of());
        vm.loadBackend();
        assertEquals(ShellViewModel.BackendState.LOADING, vm.backendStateProperty().get());
        assertEquals(1, background.size(), "the engine is asked on the background executor");
        assertTrue(fx.isEmpty());
        background.remove(0).run();
        assertNull(vm.backendProperty().get(), "nothing is set off the FX executor");
        fx.remove(0).run();
        assertEquals(ShellViewModel.BackendState.READY, vm.backendStateProperty().get());
        assertEquals("CPU · Test CPU · OpenBLAS · 2 threads", vm.backendProperty().get().summary());
    }

    @Test
    void aBackendThatFailsToLoadIsReportedNotThrown() {
        ShellViewModel vm = vm(new FakeEngine(null, new IllegalStateException("no natives for this CPU")),
                UiExecutors.direct(), List.of());
        vm.loadBackend();
        assertEquals(ShellViewModel.BackendState.FAILED, vm.backendStateProperty().get());
        assertEquals("no natives for this CPU", vm.backendErrorProperty().get());
    }

    @Test
    void navigationStartsOnTheFirstPageAndFindsPagesById() {
        Page a = new Page("a", "nav.a", Region::new);
        Page b = new Page("b", "nav.b", Region::new);
        ShellViewModel vm = vm(new FakeEngine(CPU, null), UiExecutors.direct(), List.of(a, b));
        assertSame(a, vm.selectedPageProperty().get());
        assertTrue(vm.show("b"));
        assertSame(b, vm.selectedPageProperty().get());
        assertFalse(vm.show("nope"));
        assertSame(b, vm.selectedPageProperty().get());
    }

    @Test
    void presenterSettings() {
        ShellViewModel vm = vm(new FakeEngine(CPU, null), UiExecutors.direct(), List.of());
        Appearance a = vm.appearance();
        double start = a.getFontSize();
        a.bigger();
        assertTrue(a.getFontSize() > start);
        a.smaller();
        a.smaller();
        assertTrue(a.getFontSize() < start);
        for (int i = 0; i < 50; i++) {
            a.bigger();
        }
        assertEquals(Appearance.MAX_FONT_SIZE, a.getFontSize());
        a.resetSize();
        assertEquals(Appearance.DEFAULT_FONT_SIZE, a.getFontSize());
        vm.toggleHighContrast();
        assertTrue(a.highContrastProperty().get());
        vm.toggleFullScreen();
        assertTrue(vm.fullScreenProperty().get());
        vm.setLanguage(Locale.CHINA);
        assertEquals(Locale.SIMPLIFIED_CHINESE, vm.i18n().getLocale());
    }
}
