/**
 * Files in and out: safetensors (read memory-mapped and validated before anything is allocated,
 * written atomically), Hugging Face BERT checkpoints ({@code config.json} + {@code model.safetensors}
 * + {@code vocab.txt}) and atomic file writes. Every problem with a file is a
 * {@link org.attentionlab.io.ModelFileException} that names the file, the entry (tensor or field)
 * and what was expected.
 */
package org.attentionlab.io;
