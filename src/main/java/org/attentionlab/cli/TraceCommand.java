package org.attentionlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.attentionlab.engine.BertInput;
import org.attentionlab.engine.BertModel;
import org.attentionlab.engine.trace.BertOutput;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.io.BertCheckpoint;
import org.attentionlab.io.ModelFileException;
import org.attentionlab.text.BertTokenizer;
import org.attentionlab.text.Encoding;
import org.attentionlab.text.Vocabulary;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trace}: runs a Hugging Face BERT checkpoint on one sentence (or pair, or list of ids) and
 * prints every layer's attention and every hidden state as one JSON object.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Run a BERT checkpoint folder (config.json + model.safetensors [+ vocab.txt]) on a sentence,",
            "a sentence pair or token ids, and print one JSON object: tokens, input_ids, token_type_ids,",
            "attention_mask, attentions [layer][head][query][key], hidden_states [layer 0 = embeddings … L][token][hidden],",
            "last_hidden_state, and pooler_output when the checkpoint has a pooler."},
        footer = {"", "Examples:",
            "  trace --model bert-base-uncased --text \"the animal didn't cross the street because it was too tired\"",
            "  trace --model bert-base-uncased --text \"how are you\" --pair \"i am fine\"",
            "  trace --model tiny --ids 2,5,6,3,0 --attention-mask 1,1,1,1,0"})
public final class TraceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "a Hugging Face BERT folder: config.json, model.safetensors, and vocab.txt for --text")
    Path model;

    @Option(names = "--text", paramLabel = "TEXT", description = "the sentence (tokenized with the folder's vocab.txt)")
    String text;

    @Option(names = "--pair", paramLabel = "TEXT", description = "a second sentence (segment B), with --text")
    String pair;

    @Option(names = "--ids", paramLabel = "IDS", description = "token ids instead of text, e.g. 2,5,6,3")
    String ids;

    @Option(names = "--token-type-ids", paramLabel = "IDS", description = "segment per id, with --ids (default: all 0)")
    String tokenTypeIds;

    @Option(names = "--attention-mask", paramLabel = "MASK", description = "1 = token, 0 = padding, with --ids (default: all 1)")
    String attentionMask;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json", description = "output format (default: ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() throws IOException {
        Options.requireOneOf("--format", format, "json");
        if ((text == null) == (ids == null)) {
            throw new BadInputException("give either --text or --ids (exactly one)");
        }
        if (pair != null && text == null) {
            throw new BadInputException("--pair needs --text");
        }
        if (text != null && (tokenTypeIds != null || attentionMask != null)) {
            throw new BadInputException("--token-type-ids and --attention-mask go with --ids; --text makes its own");
        }
        BertCheckpoint ckpt = load();
        BertModel bert = ckpt.model();
        List<String> tokens;
        BertInput input;
        String tokenizerNotice = "";
        if (text != null) {
            Vocabulary vocab = ckpt.vocabulary().orElseThrow(() -> new BadInputException("--text needs a vocabulary, but "
                    + model.resolve(BertCheckpoint.VOCAB) + " does not exist; pass --ids instead"));
            BertTokenizer tokenizer = new BertTokenizer(vocab, ckpt.lowerCase());
            Encoding e = pair == null ? tokenizer.encode(text) : tokenizer.encode(text, pair);
            int max = ckpt.config().maxPositions();
            if (e.size() > max) {
                int full = e.size();
                e = tokenizer.encode(text, pair, max);
                tokenizerNotice = "input has " + full + " tokens; truncated to " + max
                        + " (max_position_embeddings), keeping [SEP]";
            }
            tokens = e.tokens();
            input = new BertInput(e.inputIdsArray(), e.tokenTypeIdsArray(), e.attentionMaskArray());
        } else {
            int[] idArray = parseInts(ids, "--ids", -1);
            int[] types = tokenTypeIds == null ? new int[idArray.length] : parseInts(tokenTypeIds, "--token-type-ids", idArray.length);
            int[] mask = attentionMask == null ? ones(idArray.length) : parseInts(attentionMask, "--attention-mask", idArray.length);
            try {
                input = new BertInput(idArray, types, mask);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            tokens = ckpt.vocabulary().map(v -> tokensOf(v, idArray)).orElse(null);
        }
        BertOutput out;
        try {
            out = bert.forward(input);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        String notice = !tokenizerNotice.isEmpty() ? tokenizerNotice : out.notice();
        if (tokens != null && tokens.size() > out.length()) {
            tokens = tokens.subList(0, out.length());
        }
        writeJson(spec.commandLine().getOut(), tokens, out, notice);
        return Cli.OK;
    }

    private BertCheckpoint load() {
        try {
            return BertCheckpoint.load(model);
        } catch (ModelFileException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new BadInputException("--model " + model + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static List<String> tokensOf(Vocabulary v, int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(id >= 0 && id < v.size() ? v.token(id) : null);
        }
        return out;
    }

    /** "1,2,3" or "[1, 2, 3]" -> ints; {@code length} ≥ 0 demands that many. */
    static int[] parseInts(String value, String option, int length) {
        String s = value.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isBlank()) {
            throw new BadInputException(option + " is empty; expected comma-separated whole numbers such as 2,5,6,3");
        }
        String[] parts = s.split(",", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            try {
                out[i] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new BadInputException(option + ": entry " + (i + 1) + " is '" + p
                        + "'; expected a whole number (comma-separated, such as 2,5,6,3)");
            }
        }
        if (length >= 0 && out.length != length) {
            throw new BadInputException(option + " has " + out.length + " entries but --ids has " + length);
        }
        return out;
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 1);
        return a;
    }

    private void writeJson(PrintWriter pw, List<String> tokens, BertOutput out, String notice) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(pw);
        g.writeStartObject();
        g.writeStringField("model", model.toString());
        g.writeFieldName("tokens");
        if (tokens == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (String t : tokens) {
                g.writeString(t);
            }
            g.writeEndArray();
        }
        ints(g, "input_ids", out.inputIds());
        ints(g, "token_type_ids", out.tokenTypeIds());
        ints(g, "attention_mask", out.attentionMask());
        g.writeBooleanField("truncated", !notice.isEmpty());
        if (notice.isEmpty()) {
            g.writeNullField("notice");
        } else {
            g.writeStringField("notice", notice);
        }
        g.writeArrayFieldStart("attentions");
        for (List<Matrix> layer : out.attentions()) {
            g.writeStartArray();
            for (Matrix head : layer) {
                matrix(g, head);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("hidden_states");
        for (Matrix h : out.hiddenStates()) {
            matrix(g, h);
        }
        g.writeEndArray();
        g.writeFieldName("last_hidden_state");
        matrix(g, out.lastHiddenState());
        if (out.hasPooler()) {
            g.writeArrayFieldStart("pooler_output");
            for (double x : out.pooler()) {
                g.writeNumber((float) x);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.flush();
        pw.println();
        pw.flush();
    }

    private static void ints(JsonGenerator g, String name, int[] values) throws IOException {
        g.writeArrayFieldStart(name);
        for (int v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    /** Rows of float32-rounded numbers: the engine computes in float32, more digits would be noise. */
    private static void matrix(JsonGenerator g, Matrix m) throws IOException {
        g.writeStartArray();
        for (int i = 0; i < m.rows(); i++) {
            g.writeStartArray();
            for (int j = 0; j < m.cols(); j++) {
                g.writeNumber((float) m.get(i, j));
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }
}
