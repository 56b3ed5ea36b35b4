package dev.cowatch.core.sync;

/** What the sync controller asks a player to do. Applying these must never produce an intent. */
public sealed interface PlayerCommand {
  record Pause() implements PlayerCommand {}

  record Play() implements PlayerCommand {}

  /** Start playing at this server instant (converted to the local clock by the client). */
  record PlayAt(double serverTimeMs) implements PlayerCommand {}

  record Seek(double positionMs) implements PlayerCommand {}

  record SetRate(double rate) implements PlayerCommand {}
}
