/**
 * Files in and out: the user's app-data folder; safetensors (read memory-mapped and validated
 * before anything is allocated, written atomically); Hugging Face BERT checkpoints
 * ({@code config.json} + {@code model.safetensors} + {@code vocab.txt}); atomic file writes.
 * Every problem with a model file is a {@link org.attentionlab.io.ModelFileException} that names
 * the file, the entry (tensor or field) and what was expected. No JavaFX here.
 */
package org.attentionlab.io;
