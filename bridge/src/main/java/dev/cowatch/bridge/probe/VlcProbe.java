package dev.cowatch.bridge.probe;

import dev.cowatch.bridge.vlc.VlcClock;
import dev.cowatch.bridge.vlc.VlcHttp;
import dev.cowatch.client.ClientClock;
import java.io.IOException;

/**
 * Where VLC really is, read through its HTTP interface by a poller of its own every 10 ms: VLC's
 * position moves in steps about every 250 ms, and a step is where VLC was when it first appeared
 * ({@link VlcClock}); a single reading would be up to 250 ms old.
 */
public final class VlcProbe implements AutoCloseable {
  static final long POLL_MS = 10;

  private final VlcHttp vlc;
  private final double lengthMs;
  private final ClientClock clock = ClientClock.system();
  private final VlcClock vlcClock = new VlcClock();
  private final Thread poller;
  private volatile boolean closed;
  private boolean read;

  public VlcProbe(VlcHttp vlc, double lengthMs) {
    this.vlc = vlc;
    this.lengthMs = lengthMs;
    this.poller = Thread.ofVirtual().name("vlc-probe").start(this::poll);
  }

  private void poll() {
    while (!closed) {
      double before = clock.nowMs();
      try {
        VlcHttp.Status s = vlc.status();
        double at = (before + clock.nowMs()) / 2;
        synchronized (this) {
          vlcClock.feed(s.position() * lengthMs, at, s.playing(), s.rate());
          read = true;
        }
      } catch (IOException e) {
        // VLC busy: the next reading
      }
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Now on the clock {@link #positionAt} takes (the wall clock, as the pages' Date.now()). */
  public double nowMs() {
    return clock.nowMs();
  }

  /** VLC's position at wall time {@code wallMs}; NaN before the first reading. */
  public synchronized double positionAt(double wallMs) {
    return read ? vlcClock.positionAt(wallMs) : Double.NaN;
  }

  public synchronized boolean playing() {
    return read && vlcClock.playing();
  }

  public VlcHttp http() {
    return vlc;
  }

  @Override
  public void close() {
    closed = true;
    poller.interrupt();
  }
}
