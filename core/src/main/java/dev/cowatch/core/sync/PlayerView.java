package dev.cowatch.core.sync;

/**
 * What a client can read off its player at one instant.
 *
 * @param localTimeMs the client clock when the reading was taken
 */
public record PlayerView(boolean paused, boolean seeking, double positionMs, double rate, double localTimeMs) {}
