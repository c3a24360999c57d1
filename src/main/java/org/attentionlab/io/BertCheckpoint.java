package org.attentionlab.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleConsumer;

import org.attentionlab.engine.BertConfig;
import org.attentionlab.engine.BertModel;
import org.attentionlab.engine.BertWeights;
import org.attentionlab.engine.FloatTensor;
import org.attentionlab.engine.Precision;
import org.attentionlab.text.Vocabulary;
import org.attentionlab.text.VocabularyException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Hugging Face BERT checkpoint folder: {@code config.json} ({@link HfBertConfig}),
 * {@code model.safetensors} with the tensor names of {@code BertModel}, optionally under a
 * {@code bert.} prefix (masked-LM checkpoints) and with the legacy {@code LayerNorm.gamma/beta}
 * names, and, when present, {@code vocab.txt} and {@code tokenizer_config.json}
 * ({@code do_lower_case}).
 *
 * <p>Tensor names and shapes (V vocab, P positions, TT types, H hidden, F intermediate; PyTorch
 * stores {@code nn.Linear} weights as (out, in), which are transposed here to the engine's (in, out)):
 * <pre>
 * embeddings.word_embeddings.weight (V, H)   embeddings.position_embeddings.weight (P, H)
 * embeddings.token_type_embeddings.weight (TT, H)   embeddings.LayerNorm.weight/bias (H)
 * encoder.layer.N.attention.self.query|key|value.weight (H, H) .bias (H)
 * encoder.layer.N.attention.output.dense.weight (H, H) .bias (H)   …attention.output.LayerNorm.weight/bias (H)
 * encoder.layer.N.intermediate.dense.weight (F, H) .bias (F)
 * encoder.layer.N.output.dense.weight (H, F) .bias (H)   …output.LayerNorm.weight/bias (H)
 * pooler.dense.weight (H, H) .bias (H)                       optional
 * cls.predictions.transform.dense.weight (H, H) .bias (H)    optional, the masked-LM head
 * cls.predictions.transform.LayerNorm.weight/bias (H)
 * cls.predictions.decoder.weight (V, H)                      optional: tied to the word embeddings when absent
 * cls.predictions.bias (V)
 * </pre>
 * Every missing, mis-shaped or non-float tensor is reported at once, with the expected and found
 * shapes; so is every tensor holding NaN or ±∞. Weights enter the engine as float32 (F64 files are
 * rounded; F16 and BF16 convert exactly), read memory-mapped one tensor at a time. Other tensors (e.g. {@code position_ids},
 * {@code cls.seq_relationship.*}) are ignored.
 */
public final class BertCheckpoint {

    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String VOCAB = "vocab.txt";
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";

    private final Path folder;
    private final BertConfig config;
    private final BertModel model;
    private final Vocabulary vocabulary;
    private final boolean lowerCase;
    private final String prefix;

    private BertCheckpoint(Path folder, BertConfig config, BertModel model, Vocabulary vocabulary, boolean lowerCase,
                           String prefix) {
        this.folder = folder;
        this.config = config;
        this.model = model;
        this.vocabulary = vocabulary;
        this.lowerCase = lowerCase;
        this.prefix = prefix;
    }

    /** Loads a folder as a float32 model. */
    public static BertCheckpoint load(Path folder) throws IOException {
        return load(folder, Precision.FLOAT32, p -> { });
    }

    /**
     * Loads a folder.
     *
     * @param progress receives the fraction of tensors read, 0 to 1
     * @throws ModelFileException naming the file and every problem found
     * @throws IOException        if a file cannot be read
     */
    public static BertCheckpoint load(Path folder, Precision precision, DoubleConsumer progress) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new ModelFileException(folder, null, Files.exists(folder)
                    ? "is a file; expected a model folder with config.json and model.safetensors"
                    : "no such folder; expected a model folder with config.json and model.safetensors");
        }
        BertConfig config = HfBertConfig.read(folder.resolve(CONFIG));
        Path weightsFile = folder.resolve(WEIGHTS);
        if (!Files.isRegularFile(weightsFile)) {
            throw new ModelFileException(weightsFile, null, "no such file; this loader reads safetensors "
                    + "(convert pytorch_model.bin with Hugging Face's safetensors tools)");
        }
        BertWeights weights;
        String prefix;
        try (SafetensorsFile st = SafetensorsFile.open(weightsFile)) {
            prefix = prefixOf(st);
            weights = new Reader(st, config, prefix).read(progress);
        }
        BertModel model = BertModel.of(config, weights, precision);
        Vocabulary vocab = readVocabulary(folder.resolve(VOCAB), config);
        boolean lower = readLowerCase(folder.resolve(TOKENIZER_CONFIG));
        return new BertCheckpoint(folder, config, model, vocab, lower, prefix);
    }

    /** Reads only the weights of a safetensors file against a config (for tests and tools). */
    public static BertWeights readWeights(SafetensorsFile file, BertConfig config) throws IOException {
        return new Reader(file, config, prefixOf(file)).read(p -> { });
    }

    public Path folder() {
        return folder;
    }

    public BertConfig config() {
        return config;
    }

    public BertModel model() {
        return model;
    }

    /** The folder's vocab.txt, if it has one. */
    public Optional<Vocabulary> vocabulary() {
        return Optional.ofNullable(vocabulary);
    }

    /** {@code do_lower_case} from tokenizer_config.json (true, BERT's default, when absent). */
    public boolean lowerCase() {
        return lowerCase;
    }

    /** "bert." for masked-LM / pre-training checkpoints, "" for plain BertModel ones. */
    public String prefix() {
        return prefix;
    }

    static String prefixOf(SafetensorsFile st) {
        if (st.tensors().containsKey("embeddings.word_embeddings.weight")) {
            return "";
        }
        return st.tensors().keySet().stream().anyMatch(n -> n.startsWith("bert.")) ? "bert." : "";
    }

    private static Vocabulary readVocabulary(Path file, BertConfig config) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Vocabulary v;
        try {
            v = Vocabulary.load(file);
        } catch (VocabularyException e) {
            // the vocabulary's message starts with the file already; say it once
            String m = e.getMessage();
            if (m.startsWith(file.toString())) {
                m = m.substring(file.toString().length()).replaceFirst("^:?\\s*", "");
            }
            throw new ModelFileException(file, null, m, e);
        }
        if (v.size() > config.vocabSize()) {
            throw new ModelFileException(file, null, "has " + v.size() + " tokens but config.json says vocab_size is "
                    + config.vocabSize() + "; the vocabulary does not belong to these weights");
        }
        return v;
    }

    private static boolean readLowerCase(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) > HfBertConfig.MAX_BYTES) {
            return true;
        }
        try {
            JsonNode n = new ObjectMapper().readTree(StrictUtf8.decode(Files.readAllBytes(file), file, "the file"));
            JsonNode lower = n == null ? null : n.get("do_lower_case");
            if (lower == null) {
                return true;
            }
            if (!lower.isBoolean()) {
                throw new ModelFileException(file, "do_lower_case", "is " + lower + "; expected true or false");
            }
            return lower.asBoolean();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ModelFileException(file, null, "not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    /** Finds, checks and converts the tensors; collects every problem before failing. */
    private static final class Reader {
        private final SafetensorsFile st;
        private final BertConfig c;
        private final String prefix;
        private final List<String> problems = new ArrayList<>();
        /** Name used in the file -> expected HF shape, for the tensors that will be read. */
        private final Map<String, int[]> found = new LinkedHashMap<>();
        private int read;

        Reader(SafetensorsFile st, BertConfig c, String prefix) {
            this.st = st;
            this.c = c;
            this.prefix = prefix;
        }

        BertWeights read(DoubleConsumer progress) throws IOException {
            int v = c.vocabSize();
            int h = c.hiddenSize();
            int f = c.intermediateSize();
            // 1. find every tensor and check its dtype and shape, collecting all problems
            String[] emb = {
                check(prefix + "embeddings.word_embeddings.weight", v, h),
                check(prefix + "embeddings.position_embeddings.weight", c.maxPositions(), h),
                check(prefix + "embeddings.token_type_embeddings.weight", c.typeVocabSize(), h),
                check(prefix + "embeddings.LayerNorm.weight", h),
                check(prefix + "embeddings.LayerNorm.bias", h),
            };
            List<String[]> layerNames = new ArrayList<>();
            for (int i = 0; i < c.layers(); i++) {
                String l = prefix + "encoder.layer." + i + ".";
                layerNames.add(new String[] {
                    check(l + "attention.self.query.weight", h, h), check(l + "attention.self.query.bias", h),
                    check(l + "attention.self.key.weight", h, h), check(l + "attention.self.key.bias", h),
                    check(l + "attention.self.value.weight", h, h), check(l + "attention.self.value.bias", h),
                    check(l + "attention.output.dense.weight", h, h), check(l + "attention.output.dense.bias", h),
                    check(l + "attention.output.LayerNorm.weight", h), check(l + "attention.output.LayerNorm.bias", h),
                    check(l + "intermediate.dense.weight", f, h), check(l + "intermediate.dense.bias", f),
                    check(l + "output.dense.weight", h, f), check(l + "output.dense.bias", h),
                    check(l + "output.LayerNorm.weight", h), check(l + "output.LayerNorm.bias", h),
                });
            }
            String[] pool = null;
            if (present(prefix + "pooler.dense.weight") || present(prefix + "pooler.dense.bias")) {
                pool = new String[] {check(prefix + "pooler.dense.weight", h, h), check(prefix + "pooler.dense.bias", h)};
            }
            String[] mlm = null;
            String t = "cls.predictions.transform.";
            if (present(t + "dense.weight") || present(t + "dense.bias") || present(t + "LayerNorm.weight")
                    || present(t + "LayerNorm.bias")) {
                String decoder = present("cls.predictions.decoder.weight") ? check("cls.predictions.decoder.weight", v, h) : null;
                String bias = !present("cls.predictions.bias") && present("cls.predictions.decoder.bias")
                        ? check("cls.predictions.decoder.bias", v) : check("cls.predictions.bias", v);
                mlm = new String[] {check(t + "dense.weight", h, h), check(t + "dense.bias", h),
                    check(t + "LayerNorm.weight", h), check(t + "LayerNorm.bias", h), decoder, bias};
            }
            fail();
            // 2. read the values (memory-mapped, one tensor at a time)
            int total = found.size();
            BertWeights.Embeddings e = new BertWeights.Embeddings(get(emb[0], progress, total), get(emb[1], progress, total),
                    get(emb[2], progress, total), get(emb[3], progress, total), get(emb[4], progress, total));
            List<BertWeights.Layer> layers = new ArrayList<>();
            for (String[] n : layerNames) {
                FloatTensor[] x = new FloatTensor[n.length];
                for (int k = 0; k < n.length; k++) {
                    boolean weight = k == 0 || k == 2 || k == 4 || k == 6 || k == 10 || k == 12; // the six nn.Linear weights
                    x[k] = weight ? getLinear(n[k], progress, total) : get(n[k], progress, total);
                }
                layers.add(new BertWeights.Layer(x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7],
                        x[8], x[9], x[10], x[11], x[12], x[13], x[14], x[15]));
            }
            BertWeights.Pooler pooler = pool == null ? null
                    : new BertWeights.Pooler(getLinear(pool[0], progress, total), get(pool[1], progress, total));
            BertWeights.MlmHead head = null;
            if (mlm != null) {
                head = new BertWeights.MlmHead(getLinear(mlm[0], progress, total), get(mlm[1], progress, total),
                        get(mlm[2], progress, total), get(mlm[3], progress, total),
                        mlm[4] == null ? null : get(mlm[4], progress, total), get(mlm[5], progress, total));
            }
            fail();
            return new BertWeights(e, layers, pooler, head);
        }

        private boolean present(String canonical) {
            return resolve(canonical) != null;
        }

        /** The name used in the file for a canonical name (legacy gamma/beta accepted), or null. */
        private String resolve(String canonical) {
            if (st.tensors().containsKey(canonical)) {
                return canonical;
            }
            if (canonical.endsWith("LayerNorm.weight")) {
                String legacy = canonical.substring(0, canonical.length() - "weight".length()) + "gamma";
                return st.tensors().containsKey(legacy) ? legacy : null;
            }
            if (canonical.endsWith("LayerNorm.bias")) {
                String legacy = canonical.substring(0, canonical.length() - "bias".length()) + "beta";
                return st.tensors().containsKey(legacy) ? legacy : null;
            }
            return null;
        }

        /** Checks presence, dtype and shape; returns the name in the file (or the canonical one if missing). */
        private String check(String canonical, int... shape) {
            String name = resolve(canonical);
            String expected = Arrays.toString(shape);
            if (name == null) {
                problems.add("missing " + canonical + " (expected shape " + expected + ")");
                return canonical;
            }
            TensorInfo info = st.tensors().get(name);
            long[] s = info.shape();
            boolean same = s.length == shape.length;
            for (int i = 0; same && i < s.length; i++) {
                same = s[i] == shape[i];
            }
            if (!same) {
                problems.add(name + " has shape " + info.shapeString() + ", expected " + expected);
            } else if (!info.dtype().isFloat()) {
                problems.add(name + " has dtype " + info.dtype() + ", expected F32, F16, BF16 or F64");
            } else {
                found.put(name, shape);
            }
            return name;
        }

        private FloatTensor get(String name, DoubleConsumer progress, int total) throws IOException {
            return FloatTensor.wrap(values(name, progress, total), found.get(name));
        }

        /** A PyTorch (out, in) weight, transposed to the engine's (in, out) as it is read. */
        private FloatTensor getLinear(String name, DoubleConsumer progress, int total) throws IOException {
            float[] src = values(name, progress, total);
            int out = found.get(name)[0];
            int in = found.get(name)[1];
            float[] t = new float[src.length];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    t[i * out + o] = src[o * in + i];
                }
            }
            return FloatTensor.wrap(t, in, out);
        }

        private float[] values(String name, DoubleConsumer progress, int total) throws IOException {
            float[] values = st.readFloats(name);
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    problems.add(name + " holds " + values[i] + " at index " + i + "; expected finite numbers");
                    break;
                }
            }
            progress.accept(Math.min(1.0, ++read / (double) total));
            return values;
        }

        private void fail() {
            if (!problems.isEmpty()) {
                throw new ModelFileException(st.path(), null, problems, null);
            }
        }
    }
}
