package org.attentionlab.cli;

import picocli.CommandLine.Command;

/** The headless commands. With no arguments at all, {@code Main} opens the app instead. */
@Command(name = "attention-lab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Attention Lab: see and change every number in a Transformer.%n"
                + "Run without arguments to open the app; with a command to work headless.",
        subcommands = {
            InfoCommand.class,
            AttendCommand.class,
            PeCommand.class,
            BenchCommand.class,
            TokenizeCommand.class,
            BleuCommand.class,
            LessonsCommand.class,
            TraceCommand.class,
            // JavaFX lives in ui only: the export command renders a view headless (Monocle)
            org.attentionlab.ui.export.ExportCommand.class,
            TrainCommand.class,
            TranslateCommand.class,
            EvaluateCommand.class,
        })
public final class RootCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
