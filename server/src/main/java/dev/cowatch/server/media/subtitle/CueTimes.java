package dev.cowatch.server.media.subtitle;

/** Cue timestamps: the limits every format shares, and WebVTT's way of writing them. */
final class CueTimes {
  /** A timestamp's hours have at most two digits here: 99:59:59.999 is past any film. */
  static final int MAX_HOURS = 99;

  private CueTimes() {}

  /**
   * Milliseconds of {@code h:m:s.fraction}; {@code fraction} is 1-3 digits read as a decimal
   * fraction of a second ("5" is 500 ms). A clear error for an impossible part.
   */
  static long toMs(long hours, int minutes, int seconds, String fraction, int lineNo) {
    if (hours > MAX_HOURS) throw at(lineNo, "a timestamp has at most " + MAX_HOURS + " hours");
    if (minutes > 59 || seconds > 59) throw at(lineNo, "minutes and seconds of a timestamp go up to 59");
    int millis = Integer.parseInt((fraction + "00").substring(0, 3));
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
  }

  /** {@code hh:mm:ss.ttt}, as WebVTT writes a timestamp. */
  static String vtt(long ms) {
    long hours = ms / 3_600_000;
    long minutes = ms / 60_000 % 60;
    long seconds = ms / 1000 % 60;
    long millis = ms % 1000;
    return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d.%03d", hours, minutes, seconds, millis);
  }

  static SubtitleException at(int lineNo, String message) {
    return new SubtitleException("line " + lineNo + ": " + message);
  }
}
