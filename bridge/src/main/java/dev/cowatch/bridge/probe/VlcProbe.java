package dev.cowatch.bridge.probe;

import dev.cowatch.bridge.vlc.VlcHttp;
import java.io.IOException;

/** One reading of VLC through its HTTP interface: where it is at the reading's wall time (the request's middle). */
public final class VlcProbe {
  private final VlcHttp vlc;
  private final double lengthMs;

  public VlcProbe(VlcHttp vlc, double lengthMs) {
    this.vlc = vlc;
    this.lengthMs = lengthMs;
  }

  /** A position and the wall time it held at. */
  public record Reading(double positionMs, double wallMs, boolean playing) {
    public double positionAt(double atWallMs) {
      return playing ? positionMs + (atWallMs - wallMs) : positionMs;
    }
  }

  public Reading read() throws IOException {
    double before = System.currentTimeMillis();
    VlcHttp.Status s = vlc.status();
    double after = System.currentTimeMillis();
    return new Reading(s.position() * lengthMs, (before + after) / 2, s.playing());
  }

  public VlcHttp http() {
    return vlc;
  }
}
