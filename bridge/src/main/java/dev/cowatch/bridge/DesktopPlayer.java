package dev.cowatch.bridge;

import dev.cowatch.client.Player;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.sync.PlayerTraits;

/** A player on this machine the bridge drives: a {@link Player} that can also show a line to its viewer. */
public interface DesktopPlayer extends Player, AutoCloseable {
  /** Shows {@code text} over the video if the player can (mpv's OSD); a player that cannot ignores it. */
  void showMessage(String text);

  /** The sync tolerances this player is kept on the timeline with: the web app's unless the player needs others. */
  default Tolerances tolerances() {
    return Tolerances.DEFAULTS;
  }

  /**
   * What this player is like before its readings teach the controller otherwise: its start latency, switch costs and
   * how long a rate switch is under way. A player that starts and switches at once unless it says otherwise.
   */
  default PlayerTraits traits() {
    return PlayerTraits.AT_ONCE;
  }

  /** Lets go of the player (its control connection); the player itself keeps running. */
  @Override
  void close();
}
