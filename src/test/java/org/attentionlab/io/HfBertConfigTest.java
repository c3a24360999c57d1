package org.attentionlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.attentionlab.engine.Activation;
import org.attentionlab.engine.BertConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** config.json: the fields BERT needs, and a message naming the file and field for each bad one. */
class HfBertConfigTest {

    @TempDir
    Path dir;

    static final String BASE = """
            {"model_type": "bert", "vocab_size": 30522, "hidden_size": 768, "num_hidden_layers": 12,
             "num_attention_heads": 12, "intermediate_size": 3072, "hidden_act": "gelu",
             "max_position_embeddings": 512, "type_vocab_size": 2, "layer_norm_eps": 1e-12,
             "hidden_dropout_prob": 0.1, "position_embedding_type": "absolute"}""";

    private Path write(String json) throws IOException {
        Path f = dir.resolve("config.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void readsBertBase() throws IOException {
        assertEquals(BertConfig.base(), HfBertConfig.read(write(BASE)));
    }

    @ParameterizedTest
    @CsvSource({"gelu,GELU", "relu,RELU", "gelu_new,GELU_TANH", "gelu_pytorch_tanh,GELU_TANH"})
    void mapsTheActivations(String act, Activation expected) throws IOException {
        assertEquals(expected, HfBertConfig.read(write(BASE.replace("\"gelu\"", "\"" + act + "\""))).activation());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing field       | \"hidden_size\": 768,                  |                          | hidden_size is missing; expected a positive whole number",
        "zero               | \"num_hidden_layers\": 12              | \"num_hidden_layers\": 0   | num_hidden_layers is 0; expected a positive whole number",
        "text number        | \"vocab_size\": 30522                  | \"vocab_size\": \"30522\"  | vocab_size is \"30522\"; expected a positive whole number",
        "fraction           | \"intermediate_size\": 3072            | \"intermediate_size\": 30.5| intermediate_size is 30.5; expected a positive whole number",
        "too big            | \"max_position_embeddings\": 512       | \"max_position_embeddings\": 99999999999 | max_position_embeddings is 99999999999",
        "unknown activation | \"hidden_act\": \"gelu\"               | \"hidden_act\": \"swish\"  | hidden_act is \"swish\"; expected \"gelu\", \"relu\", \"gelu_new\" or \"gelu_pytorch_tanh\"",
        "negative eps       | \"layer_norm_eps\": 1e-12              | \"layer_norm_eps\": -1     | layer_norm_eps is -1; expected a small positive number",
        "heads don't divide | \"num_attention_heads\": 12            | \"num_attention_heads\": 7 | hidden_size (768) is not divisible by num_attention_heads (7)",
        "other model        | \"model_type\": \"bert\"               | \"model_type\": \"roberta\"| model_type is \"roberta\"; only BERT checkpoints",
        "relative positions | \"position_embedding_type\": \"absolute\" | \"position_embedding_type\": \"relative_key\" | position_embedding_type is \"relative_key\"; only \"absolute\"",
    })
    void aBadFieldIsNamedWithWhatWasExpected(String name, String from, String to, String expected) throws IOException {
        Path f = write(BASE.replace(from, to == null ? "" : to));
        ModelFileException e = assertThrows(ModelFileException.class, () -> HfBertConfig.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected «" + expected + "» in: " + e.getMessage());
    }

    @Test
    void everyBadFieldIsListedAtOnce() throws IOException {
        Path f = write("{\"hidden_size\": 10, \"num_attention_heads\": 3}");
        ModelFileException e = assertThrows(ModelFileException.class, () -> HfBertConfig.read(f));
        assertEquals(8, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("8 problems: vocab_size is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("hidden_size (10) is not divisible by num_attention_heads (3)"), e.getMessage());
    }

    @Test
    void notJsonOrNotAnObjectOrMissing() throws IOException {
        Path f = write("{\"hidden_size\": 768,");
        assertTrue(assertThrows(ModelFileException.class, () -> HfBertConfig.read(f)).getMessage()
                .contains("config.json: not valid JSON"));
        Path g = write("[]");
        assertTrue(assertThrows(ModelFileException.class, () -> HfBertConfig.read(g)).getMessage()
                .contains("expected a JSON object"));
        Path missing = dir.resolve("nope/config.json");
        assertTrue(assertThrows(ModelFileException.class, () -> HfBertConfig.read(missing)).getMessage()
                .contains("no such file"));
    }
}
