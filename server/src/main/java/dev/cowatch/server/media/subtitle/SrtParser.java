package dev.cowatch.server.media.subtitle;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SubRip (.srt) leniently, the way players do: any line ending, cue numbers optional, blank
 * lines between cues optional (a timing line starts the next cue, and a lone number just before it
 * is its cue number), milliseconds after a comma, dot or colon with 1-3 digits, position hints after
 * the end time ignored, cues kept in file order even when out of order. Hours over 99, minutes or
 * seconds over 59 are errors; a cue that ends before it starts is skipped with a warning.
 */
final class SrtParser {
  private static final String TIME = "(\\d{1,9}):(\\d{1,2}):(\\d{1,2})[,.:](\\d{1,3})";
  private static final Pattern TIMING = Pattern.compile("^\\s*" + TIME + "\\s*-->\\s*" + TIME + "(?:\\s.*)?$");
  private static final Pattern NUMBER = Pattern.compile("\\s*\\d+\\s*");

  private SrtParser() {}

  /** True when some line looks like an SRT timing line: how the format is recognised. */
  static boolean looksLikeSrt(List<String> lines) {
    return lines.stream().anyMatch(l -> TIMING.matcher(l).matches());
  }

  static ParsedCues parse(List<String> lines, int maxCues) {
    ParsedCues out = new ParsedCues(maxCues);
    long start = 0;
    long end = 0;
    int timingLine = 0;
    List<String> text = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int lineNo = i + 1;
      Matcher m = TIMING.matcher(line);
      if (m.matches()) {
        if (text != null) {
          // No blank line before this cue: a number right above its timing line is its cue number.
          if (!text.isEmpty() && NUMBER.matcher(text.getLast()).matches()) text.removeLast();
          out.addTimed(start, end, "", CueText.fromSrt(text), timingLine);
        }
        start = CueTimes.toMs(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
            m.group(4), lineNo);
        end = CueTimes.toMs(Long.parseLong(m.group(5)), Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)),
            m.group(8), lineNo);
        timingLine = lineNo;
        text = new ArrayList<>();
      } else if (line.isBlank()) {
        if (text != null) out.addTimed(start, end, "", CueText.fromSrt(text), timingLine);
        text = null;
      } else if (text != null) {
        text.add(line);
      } else if (!NUMBER.matcher(line).matches()) {
        out.warn(lineNo, "text outside any cue ignored");
      }
    }
    if (text != null) out.addTimed(start, end, "", CueText.fromSrt(text), timingLine);
    return out;
  }
}
