package org.attentionlab.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Bytes that must be UTF-8 (a safetensors header, a config.json), decoded strictly before any JSON
 * parser sees them. Handing bytes to Jackson lets it guess the encoding: a header that starts
 * with zero bytes is taken for UTF-32 and fails with an exception that is not a parse error
 * (found by fuzzing the safetensors reader).
 */
final class StrictUtf8 {

    private StrictUtf8() {
    }

    /**
     * @param what how the message names the bytes, e.g. "header"
     * @throws ModelFileException naming the file and the first bad byte
     */
    static String decode(byte[] bytes, Path file, String what) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            throw new ModelFileException(file, null, String.format(Locale.ROOT, "%s is not valid UTF-8 (byte 0x%02X at byte %d)",
                    what, bytes[in.position()] & 0xFF, in.position() + 1));
        }
        return out.flip().toString();
    }
}
