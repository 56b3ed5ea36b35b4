package dev.cowatch.client;

import dev.cowatch.core.sync.PlayerView;
import java.util.function.Consumer;

/**
 * A media player Cowatch drives: a simulated one, mpv through its IPC, a browser's video element.
 * Events fire for every change, whoever caused it, as a real player's do; telling programmatic
 * changes from a person's gestures is the caller's job ({@link EchoGuard}).
 */
public interface Player {

  /** A reading now; {@code seeking} is true while the player cannot play (seeking or stalled). */
  PlayerView view();

  void play();

  void pause();

  /** Starts playing when the local clock reaches {@code localTimeMs}; pause cancels it. */
  void playAt(double localTimeMs);

  void seek(double positionMs);

  void setRate(double rate);

  void onEvent(Consumer<PlayerEvent> listener);

  /**
   * Whether the loaded film cannot be sought at all: its length is known and every seek lands at its start, as a file
   * from a server that ignores byte ranges. Its landings, ours or a person's, are then never sent to the room: one
   * would pull everyone back to the start (the web app's twin: web/src/player/seekable.ts). A player that cannot tell
   * says it can.
   */
  default boolean cannotSeek() {
    return false;
  }
}
