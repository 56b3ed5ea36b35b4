package dev.cowatch.server.media.subtitle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads WebVTT: the {@code WEBVTT} header, then blocks separated by blank lines. Cues keep their
 * timing and the cue settings that only place text (vertical, line, position, size, align); their
 * identifiers, NOTE comments, STYLE sheets (CSS can fetch URLs) and REGION definitions are dropped,
 * and cue text is made safe by {@link CueText}. A cue whose timing line is malformed is skipped with
 * a warning, as a browser would skip it; hours over 99 are an error, as in SRT.
 */
final class VttParser {
  private static final String TIME = "(?:(\\d{2,}):)?(\\d{2}):(\\d{2})\\.(\\d{3})";
  private static final Pattern TIMING = Pattern.compile("^" + TIME + "[ \\t]+-->[ \\t]+" + TIME + "(?:[ \\t]+(.*))?$");
  private static final Pattern HEADER = Pattern.compile("^WEBVTT(?:[ \\t].*)?$");
  private static final Pattern SETTING = Pattern.compile(
      "vertical:(?:rl|lr)"
      + "|line:-?\\d{1,3}(?:\\.\\d{1,3})?%?(?:,(?:start|center|end))?"
      + "|position:\\d{1,3}(?:\\.\\d{1,3})?%(?:,(?:line-left|center|line-right))?"
      + "|size:\\d{1,3}(?:\\.\\d{1,3})?%"
      + "|align:(?:start|center|end|left|right)");

  private VttParser() {}

  static boolean looksLikeVtt(List<String> lines) {
    return !lines.isEmpty() && lines.getFirst().startsWith("WEBVTT");
  }

  static ParsedCues parse(List<String> lines, int maxCues) {
    if (lines.isEmpty() || !HEADER.matcher(lines.getFirst()).matches()) {
      throw new SubtitleException("line 1: a WebVTT file starts with 'WEBVTT' alone or followed by a space");
    }
    ParsedCues out = new ParsedCues(maxCues);
    int i = 1;
    while (i < lines.size() && !lines.get(i).isBlank()) i++; // header lines (old metadata) are not kept
    while (i < lines.size()) {
      if (lines.get(i).isBlank()) {
        i++;
        continue;
      }
      i = block(lines, i, out);
    }
    return out;
  }

  /** Reads the block starting at {@code i}; returns the index after it. */
  private static int block(List<String> lines, int i, ParsedCues out) {
    String first = lines.get(i);
    int timing;
    if (first.contains("-->")) {
      timing = i;
    } else if (i + 1 < lines.size() && lines.get(i + 1).contains("-->")) {
      timing = i + 1; // the first line is the cue's identifier
    } else {
      String keyword = first.split("[ \\t]", 2)[0];
      if (!keyword.equals("NOTE")) {
        out.warn(i + 1, keyword.equals("STYLE") || keyword.equals("REGION")
            ? keyword + " block dropped" : "block without a cue timing ignored");
      }
      return skipBlock(lines, i);
    }
    Matcher m = TIMING.matcher(lines.get(timing).strip());
    if (!m.matches()) {
      out.warn(timing + 1, "not a WebVTT cue timing (hh:mm:ss.ttt --> hh:mm:ss.ttt); cue skipped");
      return skipBlock(lines, timing);
    }
    long start = CueTimes.toMs(hours(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
        m.group(4), timing + 1);
    long end = CueTimes.toMs(hours(m.group(5)), Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)),
        m.group(8), timing + 1);
    List<String> text = new ArrayList<>();
    int j = timing + 1;
    // A line with "-->" starts the next cue even without a blank line, as in the WebVTT parser.
    while (j < lines.size() && !lines.get(j).isBlank() && !lines.get(j).contains("-->")) text.add(lines.get(j++));
    out.addTimed(start, end, settings(m.group(9)), CueText.fromVtt(text), timing + 1);
    return j;
  }

  private static int skipBlock(List<String> lines, int i) {
    while (i < lines.size() && !lines.get(i).isBlank()) i++;
    return i;
  }

  private static long hours(String group) {
    if (group == null) return 0;
    // More digits than a long holds is still "too many hours", not a crash.
    return group.length() > 3 ? Long.MAX_VALUE : Long.parseLong(group);
  }

  /** The known, well-formed settings among {@code raw}, each at most once, in their order. */
  static String settings(String raw) {
    if (raw == null) return "";
    List<String> kept = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String token : raw.strip().split("[ \\t]+")) {
      String name = token.split(":", 2)[0].toLowerCase(Locale.ROOT);
      if (SETTING.matcher(token).matches() && !names.contains(name)) {
        kept.add(token);
        names.add(name);
      }
    }
    return String.join(" ", kept);
  }
}
