package dev.cowatch.server.media.subtitle;

import java.util.ArrayList;
import java.util.List;

/**
 * Cues read from a file so far and what was skipped, with the limits applied while reading: more
 * cues than allowed is an error (the file is not read further); warnings stop being collected after
 * {@link #MAX_WARNINGS}, the count of the rest is kept.
 */
final class ParsedCues {
  static final int MAX_WARNINGS = 20;

  private final int maxCues;
  private final List<Cue> cues = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private int moreWarnings;

  ParsedCues(int maxCues) {
    this.maxCues = maxCues;
  }

  void add(Cue cue) {
    if (cues.size() >= maxCues) throw new SubtitleException("more than " + maxCues + " cues in one file");
    cues.add(cue);
  }

  /** Adds a cue unless it ends before it starts, which no player can show: skipped with a warning. */
  void addTimed(long startMs, long endMs, String settings, String text, int lineNo) {
    if (endMs < startMs) {
      warn(lineNo, "the cue ends before it starts; skipped");
      return;
    }
    add(new Cue(startMs, endMs, settings, text));
  }

  void warn(int lineNo, String message) {
    if (warnings.size() < MAX_WARNINGS) warnings.add("line " + lineNo + ": " + message);
    else moreWarnings++;
  }

  List<Cue> cues() {
    return List.copyOf(cues);
  }

  List<String> warnings() {
    List<String> all = new ArrayList<>(warnings);
    if (moreWarnings > 0) all.add("and " + moreWarnings + " more");
    return List.copyOf(all);
  }
}
