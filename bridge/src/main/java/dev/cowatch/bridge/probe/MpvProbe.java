package dev.cowatch.bridge.probe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.bridge.mpv.MpvIpc;
import dev.cowatch.client.ClientClock;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where mpv really is, read through an IPC connection of its own: every {@code time-pos} change is a
 * frame shown, so the position at wall time {@code t} is the last frame's time plus the wall time
 * since it was shown (capped at one frame at 20 fps). The same reading a browser's {@code currentTime} gives.
 */
public final class MpvProbe implements AutoCloseable {
  private static final double MAX_SINCE_FRAME_MS = 50;
  private final MpvIpc ipc;
  /** Wall time, read finer than currentTimeMillis (the pages' Date.now() is the same wall clock). */
  private final ClientClock clock = ClientClock.system();
  private final Object lock = new Object();
  private double frameMs = Double.NaN;
  private double frameAtWallMs;
  private boolean paused = true;
  private double speed = 1;

  public MpvProbe(Path socket) throws IOException {
    ipc = MpvIpc.connect(socket, this::onEvent, () -> { });
    ipc.call("observe_property", 11, "time-pos");
    ipc.call("observe_property", 12, "pause");
    ipc.call("observe_property", 13, "speed");
  }

  /** The IPC connection, to act as the viewer's keys (pause, seek) would. */
  public MpvIpc ipc() {
    return ipc;
  }

  private void onEvent(JsonNode e) {
    if (!"property-change".equals(e.path("event").asText())) return;
    double now = clock.nowMs();
    JsonNode d = e.path("data");
    synchronized (lock) {
      switch (e.path("id").asInt()) {
        case 11 -> {
          if (d.isNumber()) {
            frameMs = d.asDouble() * 1000;
            frameAtWallMs = now;
          }
        }
        case 12 -> paused = d.asBoolean(true);
        case 13 -> speed = d.asDouble(1);
        default -> { }
      }
    }
  }

  /** Now on the clock {@link #positionAt} takes. */
  public double nowMs() {
    return clock.nowMs();
  }

  public boolean paused() {
    synchronized (lock) {
      return paused;
    }
  }

  /** mpv's position at wall time {@code wallMs} (NaN before its first frame). */
  public double positionAt(double wallMs) {
    synchronized (lock) {
      if (paused) return frameMs;
      return frameMs + Math.min(Math.max(0, wallMs - frameAtWallMs), MAX_SINCE_FRAME_MS) * speed;
    }
  }

  @Override
  public void close() {
    ipc.close();
  }
}
