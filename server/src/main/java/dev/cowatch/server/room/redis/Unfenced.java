package dev.cowatch.server.room.redis;

import org.slf4j.LoggerFactory;

/**
 * The fault run's mutant ({@code bench/run faults --mutant}; the system property {@code cowatch.mutant=unfenced}): a
 * node that decides for a room without holding its lease and commits without the revision check, as a node whose
 * lease lapsed while it decided would if nothing fenced it. It exists only to show that the run's checker finds what
 * the lease and the fence prevent (a version of a room naming two timelines); nothing else sets it.
 */
final class Unfenced {
  static final boolean ON = "unfenced".equals(System.getProperty("cowatch.mutant"));

  static {
    if (ON) {
      LoggerFactory.getLogger(Unfenced.class)
          .warn("MUTANT: rooms are decided without their leases and written without their revision check");
    }
  }

  private Unfenced() {}

  /** {@code script} without its revision check when the mutant is on. */
  static String script(String script) {
    if (!ON) return script;
    String stripped = script.replace("if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end\n", "")
        .replace("if now[1] ~= ARGV[1] then return 0 end\n", "");
    // A script reworded since would keep its check, and the mutant would prove nothing: it stops instead.
    if (stripped.equals(script)) throw new IllegalStateException("the mutant found no revision check to take out");
    return stripped;
  }
}
