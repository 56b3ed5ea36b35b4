package dev.cowatch.server.media.subtitle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes cue text safe WebVTT: the bold, italic and underline tags stay (without classes), markup the
 * formats define but we do not show is dropped with its text kept (SRT's {@code <font>}, WebVTT's
 * voice, class, language, ruby and timestamp tags, SRT's {@code {\an8}} positioning), and every other
 * {@code <}, {@code >} and {@code &} is escaped, so the text is shown as written and never becomes
 * markup. Tags are balanced within each cue.
 */
final class CueText {
  private static final Set<String> KEPT = Set.of("b", "i", "u");
  private static final Set<String> DROPPED = Set.of("font", "c", "v", "lang", "ruby", "rt", "s");
  private static final Pattern TIMESTAMP_TAG = Pattern.compile("(?:\\d{2,}:)?\\d{2}:\\d{2}\\.\\d{3}");
  /** What a WebVTT file may already have escaped; kept as they are. */
  private static final List<String> ENTITIES = List.of("&amp;", "&lt;", "&gt;", "&nbsp;", "&lrm;", "&rlm;");
  /** SubStation override blocks that SRT files carry over, such as {@code {\an8}} or {@code {\i1}}. */
  private static final Pattern ASS_OVERRIDE = Pattern.compile("\\{\\\\[^}]*}");

  private CueText() {}

  /** Safe cue text from the lines of an SRT cue. */
  static String fromSrt(List<String> lines) {
    return clean(lines, false);
  }

  /** Safe cue text from the lines of a WebVTT cue. */
  static String fromVtt(List<String> lines) {
    return clean(lines, true);
  }

  private static String clean(List<String> lines, boolean vtt) {
    Deque<String> open = new ArrayDeque<>();
    StringBuilder out = new StringBuilder();
    for (String raw : lines) {
      String line = vtt ? raw : ASS_OVERRIDE.matcher(raw).replaceAll("");
      StringBuilder l = new StringBuilder();
      int i = 0;
      while (i < line.length()) {
        char c = line.charAt(i);
        if (c == '<') {
          int close = line.indexOf('>', i + 1);
          if (close > i && tag(line.substring(i + 1, close), open, l)) {
            i = close + 1;
            continue;
          }
          l.append("&lt;");
        } else if (c == '>') {
          l.append("&gt;");
        } else if (c == '&') {
          String entity = vtt ? entityAt(line, i) : null;
          if (entity != null) {
            l.append(entity);
            i += entity.length();
            continue;
          }
          l.append("&amp;");
        } else if (!isInvisibleControl(c)) {
          l.append(c);
        }
        i++;
      }
      // A blank line would end the cue in WebVTT: a line that held only markup goes entirely.
      if (l.toString().isBlank()) continue;
      if (!out.isEmpty()) out.append('\n');
      out.append(l.toString().stripTrailing());
    }
    while (!open.isEmpty()) out.append("</").append(open.pop()).append('>');
    return out.toString();
  }

  /**
   * Handles {@code <inside>} if it is a tag we know: appends a kept tag (balanced), drops others.
   * False when it is no tag at all, so the caller shows it as text.
   */
  private static boolean tag(String inside, Deque<String> open, StringBuilder l) {
    if (TIMESTAMP_TAG.matcher(inside).matches()) return true;
    boolean closing = inside.startsWith("/");
    String body = closing ? inside.substring(1) : inside;
    int end = 0;
    while (end < body.length() && Character.isLetterOrDigit(body.charAt(end))) end++;
    String name = body.substring(0, end).toLowerCase(Locale.ROOT);
    String rest = body.substring(end);
    // After the name: nothing when closing; classes (.x), or an annotation after a space, when opening.
    boolean wellFormed = closing ? rest.isBlank() : rest.isEmpty() || rest.startsWith(".") || rest.startsWith(" ")
        || rest.startsWith("\t");
    if (name.isEmpty() || !wellFormed) return false;
    if (DROPPED.contains(name)) return true;
    if (!KEPT.contains(name)) return false;
    if (!closing) {
      open.push(name);
      l.append('<').append(name).append('>');
    } else if (open.contains(name)) {
      // Close what was opened inside it first, so the tags stay nested.
      while (!open.isEmpty()) {
        String top = open.pop();
        l.append("</").append(top).append('>');
        if (top.equals(name)) break;
      }
    }
    return true;
  }

  private static String entityAt(String line, int i) {
    for (String e : ENTITIES) {
      if (line.startsWith(e, i)) return e;
    }
    return null;
  }

  /** Control characters other than tab, and byte-order marks, show as nothing useful. */
  private static boolean isInvisibleControl(char c) {
    return (c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0) || c == '\uFEFF';
  }
}
