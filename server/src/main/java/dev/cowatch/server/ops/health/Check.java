package dev.cowatch.server.ops.health;

import java.util.Map;

/**
 * One thing readiness depends on, looked at now. {@link Status#DEGRADED} is told but does not take the
 * node out of a load balancer: every node shares the cause (mail that cannot go out), and taking them all
 * out would stop rooms for a mail server's sake.
 *
 * @param reason why, in words, when not {@link Status#UP}; null when up
 * @param figures what was measured (free bytes, counts, milliseconds)
 */
public record Check(String name, Status status, String reason, Map<String, Object> figures) {
  public enum Status { UP, DEGRADED, DOWN }

  public static Check up(String name, Map<String, Object> figures) {
    return new Check(name, Status.UP, null, figures);
  }
}
