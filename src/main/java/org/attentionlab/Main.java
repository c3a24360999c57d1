package org.attentionlab;

import org.attentionlab.cli.Cli;
import org.attentionlab.engine.NativeEnvironment;
import org.attentionlab.ui.AttentionLabApp;

/**
 * The one entry point. No arguments opens the app; a sub-command ({@code info}, {@code attend},
 * {@code pe}, …) runs headless and exits with 0 (success), 2 (bad input) or 1 (internal error).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        NativeEnvironment.prepare(); // before anything loads ND4J's natives
        Logging.configure();
        if (args.length == 0) {
            AttentionLabApp.launchApp(args);
            return;
        }
        System.exit(Cli.run(args));
    }
}
