package org.attentionlab.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import picocli.CommandLine;

/**
 * Runs a headless sub-command and maps every outcome to an exit code: 0 success, 2 bad input
 * (one line on stderr naming the argument and what was expected, no stack trace), 1 internal
 * error. {@code --debug} anywhere on the line adds the stack trace.
 */
public final class Cli {

    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;

    private Cli() {
    }

    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return run(out, err, args);
    }

    /** Runs with the given streams (tests capture them). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        String[] rest = Arrays.stream(args).filter(a -> !a.equals("--debug")).toArray(String[]::new);
        CommandLine cmd = new CommandLine(new RootCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((ex, ignored) -> {
            String where = ex.getCommandLine().getCommandName();
            err.println(where + ": " + oneLine(ex.getMessage()) + " (see '" + where + " --help')");
            if (debug) {
                ex.printStackTrace(err);
            }
            return BAD_INPUT;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String where = commandLine.getCommandName();
            Throwable bad = badInput(ex);
            if (bad != null) {
                err.println(where + ": " + oneLine(bad.getMessage()));
                if (debug) {
                    ex.printStackTrace(err);
                }
                return BAD_INPUT;
            }
            err.println(where + ": internal error: " + oneLine(String.valueOf(ex)) + (debug ? "" : " (run with --debug for details)"));
            if (debug) {
                ex.printStackTrace(err);
            }
            return INTERNAL_ERROR;
        });
        int code = cmd.execute(rest);
        out.flush();
        err.flush();
        return code;
    }

    private static Throwable badInput(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BadInputException || t instanceof IllegalArgumentException) {
                return t;
            }
        }
        return null;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
