package dev.cowatch.bridge.mpv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.bridge.DesktopPlayer;
import dev.cowatch.client.ClientClock;
import dev.cowatch.client.PlayerEvent;
import dev.cowatch.core.sync.PlayerTraits;
import dev.cowatch.core.sync.PlayerView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * mpv as a {@link dev.cowatch.client.Player}, over its JSON IPC. Observes {@code pause},
 * {@code speed}, {@code time-pos} and {@code paused-for-cache} and the {@code seek} /
 * {@code playback-restart} events, and reports every change as a {@link PlayerEvent}, whoever caused
 * it: {@link dev.cowatch.client.PlayerSync}'s EchoGuard tells its own commands from a person's keys.
 * Corrections go through {@code speed} and {@code seek <s> absolute+exact}.
 *
 * <p>Position: mpv's {@code time-pos} moves in whole frames (every 42 ms at 24 fps, measured with
 * mpv 0.35). A change is the instant a frame was shown, so between changes the position is the last
 * one plus the time since it came, times the speed: readings as smooth as a browser's.
 */
public final class MpvPlayer implements DesktopPlayer {
  private static final PlayerTraits TRAITS = new PlayerTraits(0, null, 100, 350);
  /** Interpolation stops this long after the last frame: a stalled mpv must not seem to play on. */
  static final double MAX_INTERPOLATION_MS = 120;
  /** Longer than a frame of any video (24 fps: 42 ms). */
  static final double ONE_FRAME_MS = 45;
  private static final int OBS_PAUSE = 1;
  private static final int OBS_SPEED = 2;
  private static final int OBS_TIME = 3;
  private static final int OBS_CACHE = 4;

  private final MpvIpc ipc;
  private final ClientClock clock;
  private final ScheduledExecutorService scheduler;
  private final List<Consumer<PlayerEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private final Runnable onClosed;

  // Guarded by lock.
  private boolean paused = true;
  private boolean seeking;
  private boolean stalled;
  private double rate = 1;
  private double positionMs;
  private double positionAtLocalMs;
  private ScheduledFuture<?> pendingStart;
  /** Where our last seek went, while paused there (NaN otherwise); see {@link #frameTime}. */
  private double seekTargetMs = Double.NaN;

  private MpvPlayer(Path socket, ClientClock clock, ScheduledExecutorService scheduler, Runnable onClosed) throws IOException {
    this.clock = clock;
    this.scheduler = scheduler;
    this.onClosed = onClosed;
    this.ipc = MpvIpc.connect(socket, this::onEvent, this::closedByMpv);
  }

  /** Attaches to the mpv listening on {@code socket}; {@code onClosed} runs when mpv goes away. */
  public static MpvPlayer attach(Path socket, ClientClock clock, ScheduledExecutorService scheduler, Runnable onClosed)
      throws IOException {
    MpvPlayer p = new MpvPlayer(socket, clock, scheduler, onClosed);
    p.observe();
    return p;
  }

  private void observe() throws IOException {
    ipc.call("observe_property", OBS_PAUSE, "pause");
    ipc.call("observe_property", OBS_SPEED, "speed");
    ipc.call("observe_property", OBS_TIME, "time-pos");
    ipc.call("observe_property", OBS_CACHE, "paused-for-cache");
  }

  public MpvIpc ipc() {
    return ipc;
  }

  @Override
  public PlayerView view() {
    double now = clock.nowMs();
    synchronized (lock) {
      double pos = positionMs;
      if (!paused && !seeking && !stalled) pos += Math.min(now - positionAtLocalMs, MAX_INTERPOLATION_MS) * rate;
      return new PlayerView(paused, seeking || stalled, pos, rate, now);
    }
  }

  @Override
  public void play() {
    cancelStart();
    ipc.send("set_property", "pause", false);
  }

  @Override
  public void pause() {
    cancelStart();
    ipc.send("set_property", "pause", true);
  }

  @Override
  public void playAt(double localTimeMs) {
    long delayMs = Math.max(0, Math.round(localTimeMs - clock.nowMs()));
    synchronized (lock) {
      if (pendingStart != null) pendingStart.cancel(false);
      pendingStart = scheduler.schedule(() -> ipc.send("set_property", "pause", false), delayMs, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void seek(double positionMs) {
    synchronized (lock) {
      // The frame is unknown until mpv has it; readings hold still meanwhile instead of running on.
      seeking = true;
      seekTargetMs = positionMs;
      this.positionMs = positionMs;
      positionAtLocalMs = clock.nowMs();
    }
    ipc.send("seek", Math.max(0, positionMs) / 1000.0, "absolute+exact");
  }

  @Override
  public void setRate(double rate) {
    ipc.send("set_property", "speed", rate);
  }

  /**
   * mpv 0.35 (Debian 12, {@code --vo=null --ao=null}, a 24 fps file; time-pos sampled around eight switches between
   * 0.95 and 1.06, 2026-11-25): a new speed shows in the first or second frame after it is set (40-90 ms), as a jump
   * of about a third of a second times the change (into 1.04 -12 ms, back +14; into 0.96 +16, back -14), then runs
   * at it: as if it played on at the old rate for 300-400 ms (the frames and audio it had queued), so that is its lag.
   * Its controller waits 100 ms (two frames) before judging a switch, so the jump is learned, not chased; what is
   * left of each kind's jump once the lag is taken out is learned from its first switches.
   */
  @Override
  public PlayerTraits traits() {
    return TRAITS;
  }

  @Override
  public void onEvent(Consumer<PlayerEvent> listener) {
    listeners.add(listener);
  }

  /**
   * Shows a line over the video for a few seconds. Commands sent as JSON arrays are not
   * property-expanded by mpv, so a chat line reading {@code ${path}} shows as typed.
   */
  @Override
  public void showMessage(String text) {
    ipc.send("show-text", text, 5000);
  }

  @Override
  public void close() {
    cancelStart();
    ipc.close();
  }

  /** Quits mpv (the bridge started it). */
  public void quit() {
    ipc.send("quit");
  }

  private void cancelStart() {
    synchronized (lock) {
      if (pendingStart != null) pendingStart.cancel(false);
      pendingStart = null;
    }
  }

  private void closedByMpv() {
    cancelStart();
    onClosed.run();
  }

  private void onEvent(JsonNode event) {
    double now = clock.nowMs();
    String name = event.path("event").asText();
    PlayerEvent out = null;
    synchronized (lock) {
      switch (name) {
        case "property-change" -> out = propertyChange(event.path("id").asInt(), event.path("data"), now);
        case "seek" -> seeking = true;
        case "playback-restart" -> {
          // The new time-pos may come after this event: ask for it, and report the seek with it.
          if (seeking) ipc.command("get_property", "time-pos").thenAccept(this::seekLanded);
        }
        default -> { }
      }
    }
    if (out != null) for (Consumer<PlayerEvent> l : listeners) l.accept(out);
  }

  private void seekLanded(JsonNode timePos) {
    double now = clock.nowMs();
    PlayerEvent out;
    synchronized (lock) {
      if (!seeking) return;
      seeking = false;
      if (timePos.isNumber()) positionMs = frameTime(timePos.asDouble() * 1000);
      positionAtLocalMs = now;
      out = new PlayerEvent(PlayerEvent.Kind.SEEKED, positionMs, rate, now);
    }
    for (Consumer<PlayerEvent> l : listeners) l.accept(out);
  }

  /**
   * Under the lock. A paused mpv sent to a position shows the frame there and reports that frame's
   * time, a few ms off (7 ms on the test video, whose frames start 7 ms after its audio): a browser
   * reports the position it was sent to. So does this, while the frame shown is within one frame of
   * it; otherwise a room paused at 20.000 s would see mpv "off" by 7 ms and send it there again and again.
   */
  private double frameTime(double reportedMs) {
    if (paused && !Double.isNaN(seekTargetMs) && Math.abs(reportedMs - seekTargetMs) < ONE_FRAME_MS) return seekTargetMs;
    if (!seeking) seekTargetMs = Double.NaN;
    return reportedMs;
  }

  /** Under the lock: the new value, and the event it makes (null for none). */
  private PlayerEvent propertyChange(int id, JsonNode data, double now) {
    switch (id) {
      case OBS_PAUSE -> {
        if (!data.isBoolean() || data.asBoolean() == paused) return null;
        paused = data.asBoolean();
        if (!paused) seekTargetMs = Double.NaN;
        positionAtLocalMs = now;
        return new PlayerEvent(paused ? PlayerEvent.Kind.PAUSE : PlayerEvent.Kind.PLAY, positionMs, rate, now);
      }
      case OBS_SPEED -> {
        if (!data.isNumber() || data.asDouble() == rate) return null;
        rate = data.asDouble();
        return new PlayerEvent(PlayerEvent.Kind.RATE_CHANGE, positionMs, rate, now);
      }
      case OBS_TIME -> {
        if (data.isNumber()) {
          positionMs = frameTime(data.asDouble() * 1000);
          positionAtLocalMs = now;
        }
        return null;
      }
      case OBS_CACHE -> {
        if (!data.isBoolean() || data.asBoolean() == stalled) return null;
        stalled = data.asBoolean();
        return new PlayerEvent(stalled ? PlayerEvent.Kind.WAITING : PlayerEvent.Kind.CAN_PLAY, positionMs, rate, now);
      }
      default -> {
        return null;
      }
    }
  }
}
