package org.attentionlab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.attentionlab.engine.PositionalEncoding;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The sinusoidal positional-encoding table. */
@Command(name = "pe", mixinStandardHelpOptions = true,
        description = {"The sinusoidal positional encoding of section 3.5, rows = positions 0..N-1, columns = dimensions:",
            "PE(pos, 2i) = sin(pos/10000^(2i/d)), PE(pos, 2i+1) = cos(pos/10000^(2i/d))."})
public final class PeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--positions", required = true, paramLabel = "N", description = "number of positions (rows)")
    int positions;

    @Option(names = "--dim", required = true, paramLabel = "D", description = "model dimension d (columns)")
    int dim;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|csv", description = "output format (default: ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() throws Exception {
        Options.requireOneOf("--format", format, "json", "csv");
        if (positions <= 0) {
            throw new BadInputException("--positions is " + positions + "; expected a positive whole number");
        }
        if (dim <= 0) {
            throw new BadInputException("--dim is " + dim + "; expected a positive whole number");
        }
        double[][] pe = PositionalEncoding.sinusoidal(positions, dim);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("csv")) {
            StringBuilder header = new StringBuilder("position");
            for (int j = 0; j < dim; j++) {
                header.append(",dim_").append(j);
            }
            out.println(header);
            for (int pos = 0; pos < positions; pos++) {
                StringBuilder line = new StringBuilder().append(pos);
                for (double x : pe[pos]) {
                    line.append(',').append(String.format(Locale.ROOT, "%s", x));
                }
                out.println(line);
            }
        } else {
            JsonGenerator g = new JsonFactory().createGenerator(out);
            g.writeStartArray();
            for (double[] row : pe) {
                g.writeArray(row, 0, row.length);
            }
            g.writeEndArray();
            g.flush();
            out.println();
        }
        out.flush();
        return 0;
    }
}
