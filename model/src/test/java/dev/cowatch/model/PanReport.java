package dev.cowatch.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What SPIN's verifier ({@code ./pan}) printed, read back: errors, which property failed, whether
 * the search covered the whole state space, and its cost.
 *
 * @param violations one line per error pan reported, e.g. {@code assertion violated p1_no_echo}
 *     or {@code acceptance cycle p4_waiting_ends}
 * @param incompleteness the warnings that say the search did not cover every state
 */
record PanReport(
    int errors,
    List<String> violations,
    List<String> incompleteness,
    long statesStored,
    long transitions,
    long depthReached,
    double memoryMb,
    double elapsedSeconds,
    String output) {

  private static final Pattern ERRORS = Pattern.compile("errors: (\\d+)");
  private static final Pattern STATES = Pattern.compile("(\\d+) states, stored");
  private static final Pattern TRANSITIONS = Pattern.compile("(\\d+) transitions \\(");
  private static final Pattern DEPTH = Pattern.compile("depth reached (\\d+)");
  private static final Pattern MEMORY = Pattern.compile("([\\d.]+)\\s+total actual memory usage");
  private static final Pattern ELAPSED = Pattern.compile("pan: elapsed time ([\\d.e+]+) seconds");
  private static final Pattern ASSERTION = Pattern.compile("pan:\\d+: assertion violated (\\S+)");
  private static final Pattern CLAIM = Pattern.compile("never claim\\s+\\+ \\((\\S+)\\)");
  /** Phrases pan uses when a search stopped short of the whole state space. */
  private static final List<String> INCOMPLETE = List.of(
      "search not completed", "max search depth too small", "depth limit reached", "-dmemlim",
      "out of memory", "search was truncated", "ran out of memory");

  static PanReport parse(String output) {
    Matcher errors = ERRORS.matcher(output);
    if (!errors.find()) throw new IllegalArgumentException("not a pan report:\n" + output);
    String claim = find(CLAIM, output);
    List<String> violations = new ArrayList<>();
    Matcher assertion = ASSERTION.matcher(output);
    while (assertion.find()) violations.add("assertion violated " + assertion.group(1));
    for (String line : output.lines().toList()) {
      if (line.contains("acceptance cycle (at depth")) violations.add("acceptance cycle " + claim);
      if (line.contains("non-progress cycle (at depth")) violations.add("non-progress cycle");
      if (line.contains("invalid end state (at depth")) violations.add("invalid end state");
      if (line.contains("claim violated")) violations.add("claim violated " + claim);
    }
    String lower = output.toLowerCase(Locale.ROOT);
    List<String> incomplete = INCOMPLETE.stream().filter(lower::contains).toList();
    return new PanReport(
        Integer.parseInt(errors.group(1)),
        List.copyOf(violations),
        incomplete,
        Long.parseLong(orZero(find(STATES, output))),
        Long.parseLong(orZero(find(TRANSITIONS, output))),
        Long.parseLong(orZero(find(DEPTH, output))),
        Double.parseDouble(orZero(find(MEMORY, output))),
        Double.parseDouble(orZero(find(ELAPSED, output))),
        output);
  }

  /** Every state was explored and no property failed. */
  boolean verified() {
    return errors == 0 && violations.isEmpty() && incompleteness.isEmpty();
  }

  String figures() {
    return String.format(Locale.ROOT, "%,d states, %,d transitions, depth %d, %.1f MB, %.2f s",
        statesStored, transitions, depthReached, memoryMb, elapsedSeconds);
  }

  private static String find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  private static String orZero(String s) {
    return s == null ? "0" : s;
  }
}
