package dev.cowatch.client;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Remembers the player events that applying the room's timeline is about to cause, so that they
 * are not mistaken for a person's gestures and sent back as intents (the echo loop that makes
 * other tools bounce play/pause between clients). An expectation not met in time lapses, so a
 * command the player ignored cannot swallow a later real gesture for long. Not thread-safe.
 */
public final class EchoGuard {
  /** How long an expected event may take: longer than any seek measured (200 ms) with margin. */
  static final double EXPECTATION_MS = 2_000;

  private record Expectation(PlayerEvent.Kind kind, double untilLocalMs) {}

  private final List<Expectation> expected = new ArrayList<>();

  public void expect(PlayerEvent.Kind kind, double untilLocalMs) {
    expected.add(new Expectation(kind, untilLocalMs));
  }

  /** Expects the event within the usual time from now. */
  public void expectSoon(PlayerEvent.Kind kind, double nowLocalMs) {
    expect(kind, nowLocalMs + EXPECTATION_MS);
  }

  /** True if the event was expected (and is now consumed): it came from us, not a person. */
  public boolean consume(PlayerEvent event) {
    Iterator<Expectation> it = expected.iterator();
    while (it.hasNext()) {
      Expectation e = it.next();
      if (e.untilLocalMs() < event.localTimeMs()) {
        it.remove();
      } else if (e.kind() == event.kind()) {
        it.remove();
        return true;
      }
    }
    return false;
  }
}
