package dev.cowatch.bench.load;

import java.util.Locale;

/** A figure for a summary line: a number when it was measured, {@code error} when it was not. */
public final class Figure {
  private Figure() {}

  public static String of(double value, int decimals) {
    if (!Double.isFinite(value)) return "error";
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** {@code value} only when the measurement it came from had no errors. */
  public static String ifClean(double value, long errors, int decimals) {
    return errors == 0 ? of(value, decimals) : "error";
  }
}
