package dev.cowatch.core.chat;

import java.util.Optional;

/**
 * What a chat message may be. The text is stored and shown exactly as written (never as HTML:
 * every client puts it into the page as text); here it is only trimmed and bounded.
 */
public final class ChatText {
  public static final int MAX_LENGTH = 1_000;
  /** More blank lines than this in a row are squeezed: a message cannot push the chat off screen. */
  private static final int MAX_BLANK_LINES = 2;

  private ChatText() {}

  /** Why the text cannot be sent, or empty if it can (after {@link #normalize}). */
  public static Optional<String> problem(String text) {
    if (text == null || text.isBlank()) return Optional.of("a message needs some text");
    String normal = normalize(text);
    if (normal.codePointCount(0, normal.length()) > MAX_LENGTH) {
      return Optional.of("a message has at most " + MAX_LENGTH + " characters");
    }
    boolean control = normal.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t');
    return control ? Optional.of("a message cannot contain control characters") : Optional.empty();
  }

  /** Trimmed, Windows line ends made plain, runs of blank lines shortened. */
  public static String normalize(String text) {
    String t = text.replace("\r\n", "\n").replace('\r', '\n').strip();
    return t.replaceAll("\n{" + (MAX_BLANK_LINES + 2) + ",}", "\n".repeat(MAX_BLANK_LINES + 1));
  }
}
