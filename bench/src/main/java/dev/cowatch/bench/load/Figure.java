package dev.cowatch.bench.load;

import java.util.Locale;

/** A figure for a summary line: a number when it was measured, {@code error} when it was not. */
final class Figure {
  private Figure() {}

  static String of(double value, int decimals) {
    if (!Double.isFinite(value)) return "error";
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** {@code value} only when the measurement it came from had no errors. */
  static String ifClean(double value, long errors, int decimals) {
    return errors == 0 ? of(value, decimals) : "error";
  }
}
