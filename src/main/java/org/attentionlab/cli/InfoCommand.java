package org.attentionlab.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.attentionlab.AppVersion;
import org.attentionlab.engine.Backend;
import org.attentionlab.engine.BackendInfo;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Version, Java and the ND4J backend that runs. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Version, Java, and which ND4J backend runs the engine (CPU or CUDA), on which device, with which BLAS.")
public final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "output format (default: ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() throws Exception {
        Options.requireOneOf("--format", format, "text", "json");
        BackendInfo b = Backend.describe();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", AppVersion.get());
        info.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        info.put("backend", b.kind());
        info.put("device", b.device());
        info.put("blas", b.blasVendor());
        info.put("threads", b.threads());
        info.put("nd4j_backend_class", b.nd4jClass());
        if (!b.note().isEmpty()) {
            info.put("note", b.note());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(info));
        } else {
            info.forEach((key, value) -> out.printf("%-19s %s%n", key + ":", value));
        }
        out.flush();
        return 0;
    }
}
