/**
 * Files: the user's app-data folder, and (as they land) safetensors and Hugging Face style
 * checkpoints, exports and atomic writes. No JavaFX here.
 */
package org.attentionlab.io;
