package dev.cowatch.core.sync;

import dev.cowatch.core.SoundDelay;

/**
 * What a client can read off its player at one instant.
 *
 * @param localTimeMs the client clock when the reading was taken
 */
public record PlayerView(boolean paused, boolean seeking, double positionMs, double rate, double localTimeMs) {
  /** This reading as a viewer with this sound delay hears it (SoundDelay). */
  public PlayerView heard(int soundDelayMs) {
    if (soundDelayMs == 0) return this;
    return new PlayerView(paused, seeking, SoundDelay.heardMs(positionMs, soundDelayMs), rate, localTimeMs);
  }
}
