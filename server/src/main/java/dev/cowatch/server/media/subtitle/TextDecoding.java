package dev.cowatch.server.media.subtitle;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A subtitle file's bytes as text. A byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE); without
 * one, bytes that are valid UTF-8 are UTF-8 (legacy text with accented letters almost never is);
 * anything else was written in an 8-bit code page, which {@link LegacyCharsets} guesses.
 */
final class TextDecoding {
  /** The text without its byte-order mark, and the name of the encoding it was read in. */
  record Decoded(String text, String charset) {}

  private TextDecoding() {}

  static Decoded decode(byte[] bytes) {
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) return withBom(bytes, 3, StandardCharsets.UTF_8);
    if (startsWith(bytes, 0xFF, 0xFE)) return withBom(bytes, 2, StandardCharsets.UTF_16LE);
    if (startsWith(bytes, 0xFE, 0xFF)) return withBom(bytes, 2, StandardCharsets.UTF_16BE);
    for (byte b : bytes) {
      if (b == 0) {
        throw new SubtitleException("the file contains NUL bytes: it is not text, or it is UTF-16 without a "
            + "byte-order mark (save it as UTF-8)");
      }
    }
    Optional<String> utf8 = strict(bytes, 0, StandardCharsets.UTF_8);
    if (utf8.isPresent()) return new Decoded(utf8.get(), "UTF-8");
    return LegacyCharsets.guess(bytes);
  }

  private static Decoded withBom(byte[] bytes, int bomLength, Charset charset) {
    return strict(bytes, bomLength, charset).map(text -> new Decoded(text, charset.name()))
        .orElseThrow(() -> new SubtitleException("the file starts with a " + charset.name()
            + " byte-order mark but is not valid " + charset.name()));
  }

  /** The bytes from {@code offset} decoded, or empty when they are not valid in {@code charset}. */
  static Optional<String> strict(byte[] bytes, int offset, Charset charset) {
    try {
      return Optional.of(charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
          .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) return false;
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) return false;
    }
    return true;
  }
}
