package dev.cowatch.e2e;

/**
 * One reading of a room page's player, all taken in the same instant inside the page.
 *
 * @param positionMs  the video's {@code currentTime}
 * @param wallMs      the browser's wall clock ({@code Date.now()}); the server runs on the same
 *                    machine, so this is also the server's clock
 * @param serverNowMs the page's estimate of server time (its local clock plus its clock offset)
 * @param syncErrorMs the page's own idea of its error (its sync controller's last step)
 * @param version     the timeline version the page holds
 */
public record PageSample(double positionMs, double wallMs, boolean paused, boolean seeking, double rate,
    int readyState, double serverNowMs, double syncErrorMs, long version) {

  /** Where this player will be (or was) at wall time {@code atMs}, at its current rate. */
  public double positionAt(double atMs) {
    return paused || seeking ? positionMs : positionMs + (atMs - wallMs) * rate;
  }

  /** How far the page's server-time estimate is off. */
  public double clockErrorMs() {
    return serverNowMs - wallMs;
  }

  /** Playing: not paused, not seeking, and moving (a streaming player holds playback at rate 0 while it fetches). */
  public boolean playing() {
    return !paused && !seeking && rate > 0;
  }
}
