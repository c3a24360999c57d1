package org.attentionlab.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.Activation;
import org.attentionlab.engine.BertConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a Hugging Face {@code config.json} for BERT into a {@link BertConfig}. Every field the
 * forward pass needs is required; every problem found is reported at once, each naming the field
 * and what was expected. {@code hidden_act} may be {@code gelu} (exact erf form), {@code relu},
 * {@code gelu_new} or {@code gelu_pytorch_tanh} (both the tanh approximation).
 */
public final class HfBertConfig {

    /** config.json files are a few hundred bytes; anything above this is not a config. */
    static final long MAX_BYTES = 1L << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private HfBertConfig() {
    }

    /**
     * @throws ModelFileException naming the file and every bad field
     * @throws IOException        if the file cannot be read
     */
    public static BertConfig read(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, null, "no such file; a BERT checkpoint folder needs config.json", e);
        }
        if (size > MAX_BYTES) {
            throw new ModelFileException(file, null, "is " + size + " bytes; a config.json is expected to be under " + MAX_BYTES);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(StrictUtf8.decode(Files.readAllBytes(file), file, "the file"));
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ModelFileException(file, null, "not valid JSON (" + JsonErrors.plain(e)
                    + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()) + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFileException(file, null, "expected a JSON object of settings such as {\"hidden_size\": 768, …}");
        }
        List<String> problems = new ArrayList<>();
        JsonNode type = root.get("model_type");
        if (type != null && !(type.isTextual() && type.asText().equals("bert"))) {
            problems.add("model_type is " + type + "; only BERT checkpoints (\"bert\") are supported");
        }
        JsonNode pos = root.get("position_embedding_type");
        if (pos != null && !(pos.isTextual() && pos.asText().equals("absolute"))) {
            problems.add("position_embedding_type is " + pos + "; only \"absolute\" is supported");
        }
        int vocab = positiveInt(root, "vocab_size", problems);
        int hidden = positiveInt(root, "hidden_size", problems);
        int layers = positiveInt(root, "num_hidden_layers", problems);
        int heads = positiveInt(root, "num_attention_heads", problems);
        int inter = positiveInt(root, "intermediate_size", problems);
        int positions = positiveInt(root, "max_position_embeddings", problems);
        int types = positiveInt(root, "type_vocab_size", problems);
        Activation act = activation(root, problems);
        double eps = epsilon(root, problems);
        if (hidden > 0 && heads > 0 && hidden % heads != 0) {
            problems.add("hidden_size (" + hidden + ") is not divisible by num_attention_heads (" + heads + ")");
        }
        if (!problems.isEmpty()) {
            throw new ModelFileException(file, null, problems, null);
        }
        return new BertConfig(vocab, hidden, layers, heads, inter, act, positions, types, eps);
    }

    private static int positiveInt(JsonNode root, String field, List<String> problems) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            problems.add(field + " is missing; expected a positive whole number");
            return -1;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() <= 0) {
            problems.add(field + " is " + n + "; expected a positive whole number");
            return -1;
        }
        return n.asInt();
    }

    private static Activation activation(JsonNode root, List<String> problems) {
        JsonNode n = root.get("hidden_act");
        String expected = "expected \"gelu\", \"relu\", \"gelu_new\" or \"gelu_pytorch_tanh\"";
        if (n == null || n.isNull()) {
            problems.add("hidden_act is missing; " + expected);
            return null;
        }
        if (!n.isTextual()) {
            problems.add("hidden_act is " + n + "; " + expected);
            return null;
        }
        return switch (n.asText()) {
            case "gelu" -> Activation.GELU;
            case "relu" -> Activation.RELU;
            case "gelu_new", "gelu_pytorch_tanh" -> Activation.GELU_TANH;
            default -> {
                problems.add("hidden_act is \"" + n.asText() + "\"; " + expected);
                yield null;
            }
        };
    }

    private static double epsilon(JsonNode root, List<String> problems) {
        JsonNode n = root.get("layer_norm_eps");
        if (n == null || n.isNull()) {
            problems.add("layer_norm_eps is missing; expected a small positive number such as 1e-12");
            return Double.NaN;
        }
        if (!n.isNumber() || !(n.asDouble() > 0) || !Double.isFinite(n.asDouble()) || n.asDouble() >= 1) {
            problems.add("layer_norm_eps is " + n + "; expected a small positive number such as 1e-12");
            return Double.NaN;
        }
        return n.asDouble();
    }
}
