package org.attentionlab.ui;

import java.util.Objects;

import org.attentionlab.engine.EmbeddingTables;
import org.attentionlab.text.Vocabulary;

/**
 * The embedding tables of a loaded BERT model, with the vocabulary and case setting its ids need
 * (what {@link EngineService#bertEmbeddings()} hands the embedding view). For a checkpoint:
 * {@code new ModelEmbeddings(folderName, checkpoint.model().embeddingTables(), vocab, checkpoint.lowerCase())}.
 *
 * @param name       how the view names the model (its folder, e.g. {@code bert-base-chinese})
 * @param tables     the token, segment and position tables
 * @param vocabulary the model's vocab.txt; its size must equal the token table's rows
 * @param lowerCase  whether the model's tokenizer lower-cases
 */
public record ModelEmbeddings(String name, EmbeddingTables tables, Vocabulary vocabulary, boolean lowerCase) {

    public ModelEmbeddings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(vocabulary, "vocabulary");
        if (vocabulary.size() != tables.vocabSize()) {
            throw new IllegalArgumentException("the vocabulary " + vocabulary.source() + " has " + vocabulary.size()
                    + " tokens but the model's token table has " + tables.vocabSize() + " rows");
        }
    }
}
