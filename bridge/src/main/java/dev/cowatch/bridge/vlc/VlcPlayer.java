package dev.cowatch.bridge.vlc;

import dev.cowatch.bridge.DesktopPlayer;
import dev.cowatch.client.ClientClock;
import dev.cowatch.client.PlayerEvent;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.sync.PlayerView;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VLC as a {@link dev.cowatch.client.Player}, through its HTTP interface. VLC pushes nothing, so the
 * player is read every {@link #POLL_MS}, and {@link VlcReadings} turns changes between readings into
 * events. VLC's position moves in steps; {@link VlcClock} counts on from each.
 *
 * <p>What the interface allows (measured with VLC 3.0.21, docs/desktop.md): forced pause and resume,
 * rates in VLC's own steps (1.05 becomes 1.0504), seeks to a fraction of the length (a seek in
 * seconds takes whole seconds only), and the position as a fraction of the length; the length itself
 * is given in whole seconds, so it is taken from the file when known ({@code exactLengthMs}). No
 * buffering state, no on-screen text.
 */
public final class VlcPlayer implements DesktopPlayer {
  public static final long POLL_MS = 20;
  /** See {@link #tolerances()}. */
  static final double SEEK_THRESHOLD_MS = 50;

  private static final Logger log = LoggerFactory.getLogger(VlcPlayer.class);

  private final VlcHttp vlc;
  private final ClientClock clock;
  private final ScheduledExecutorService scheduler;
  private final double exactLengthMs;
  private final List<Consumer<PlayerEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private final ScheduledFuture<?> poller;

  // Guarded by lock.
  private final VlcReadings readings = new VlcReadings();
  private double lengthMs;
  private ScheduledFuture<?> pendingStart;

  /**
   * @param exactLengthMs the media's length when known (from the file), else NaN: VLC's whole
   *     seconds are used, and positions are off by up to {@code position/length} seconds
   */
  public VlcPlayer(VlcHttp vlc, ClientClock clock, ScheduledExecutorService scheduler, double exactLengthMs) {
    this.vlc = vlc;
    this.clock = clock;
    this.scheduler = scheduler;
    this.exactLengthMs = exactLengthMs;
    this.poller = scheduler.scheduleWithFixedDelay(this::poll, 0, POLL_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public PlayerView view() {
    double now = clock.nowMs();
    synchronized (lock) {
      return readings.view(now);
    }
  }

  @Override
  public void play() {
    cancelStart();
    command("pl_forceresume", null);
  }

  @Override
  public void pause() {
    cancelStart();
    command("pl_forcepause", null);
  }

  @Override
  public void playAt(double localTimeMs) {
    long delayMs = Math.max(0, Math.round(localTimeMs - clock.nowMs()));
    synchronized (lock) {
      if (pendingStart != null) pendingStart.cancel(false);
      pendingStart = scheduler.schedule(() -> command("pl_forceresume", null), delayMs, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void seek(double targetMs) {
    double length;
    synchronized (lock) {
      length = lengthMs;
      readings.seekSent(targetMs, clock.nowMs());
    }
    if (!(length > 0)) return;
    double percent = Math.max(0, Math.min(100, targetMs / length * 100));
    command("seek", String.format(Locale.ROOT, "%.6f%%", percent));
  }

  @Override
  public void setRate(double newRate) {
    command("rate", String.format(Locale.ROOT, "%.4f", newRate));
  }

  /**
   * VLC takes rate changes but its clock barely follows them (measured with {@code --aout dummy}: the
   * position moved at 0.94-1.04x whatever the rate, 1.0 to 1.08), so nudges cannot close an error:
   * errors above {@link #SEEK_THRESHOLD_MS} are sought away instead (its percentage seeks land exactly),
   * where the web app waits for 100 ms.
   */
  @Override
  public Tolerances tolerances() {
    return Tolerances.DEFAULTS.withSeekThresholdMs(SEEK_THRESHOLD_MS);
  }

  @Override
  public void onEvent(Consumer<PlayerEvent> listener) {
    listeners.add(listener);
  }

  /** VLC's HTTP interface has no on-screen text: the terminal shows it alone. */
  @Override
  public void showMessage(String text) {}

  @Override
  public void close() {
    poller.cancel(false);
    cancelStart();
  }

  private void cancelStart() {
    synchronized (lock) {
      if (pendingStart != null) pendingStart.cancel(false);
      pendingStart = null;
    }
  }

  private void command(String command, String value) {
    try {
      vlc.command(command, value);
    } catch (IOException e) {
      log.warn("VLC did not take {}: {}", command, e.getMessage());
    }
  }

  private void poll() {
    double sent = clock.nowMs();
    VlcHttp.Status s;
    try {
      s = vlc.status();
    } catch (IOException | RuntimeException e) {
      return; // VLC busy or gone: the next reading tries again; the bridge notices a VLC that exited
    }
    double at = (sent + clock.nowMs()) / 2;
    List<PlayerEvent> events;
    synchronized (lock) {
      lengthMs = exactLengthMs > 0 ? exactLengthMs : s.lengthSeconds() * 1000.0;
      events = readings.feed(new VlcReadings.Reading(s.position() * lengthMs, s.playing(), s.rate(), at));
    }
    for (PlayerEvent e : events) for (Consumer<PlayerEvent> l : listeners) l.accept(e);
  }
}
