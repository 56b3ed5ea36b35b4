package dev.cowatch.bench;

import dev.cowatch.e2e.RoomPage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code BENCH_SYNC_TRACE=<dir>}: what each page's player did, for finding out why a page strays (issue 21).
 * Every 5 ms a reading (wall ms, position ms, server ms as the page estimates it, rate, paused, the engine's last
 * error, timeline version), and every rate the engine sets with the reading at that moment, written as one JSON
 * array per page and condition: {@code ["s", wall, pos, server, rate, paused, lastError, version]} and
 * {@code ["r", wall, pos, server, fromRate, toRate, lastError]}. The 5 ms readings cost the page some CPU:
 * figures from a traced run are not the benchmark's.
 */
final class PlayerTrace {
  private static final String INSTALL = """
      () => {
        const w = window.__cowatch, v = w.video, c = w.client;
        const tr = window.__benchTrace = [];
        const d = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'playbackRate');
        Object.defineProperty(v, 'playbackRate', { configurable: true, get() { return d.get.call(v); },
          set(x) { tr.push(['r', Date.now(), v.currentTime * 1000, c.serverNowMs(), d.get.call(v), x, w.sync.lastErrorMs]);
                   d.set.call(v, x); } });
        setInterval(() => { const t = c.timeline;
          tr.push(['s', Date.now(), v.currentTime * 1000, c.serverNowMs(), d.get.call(v), v.paused ? 1 : 0,
                   w.sync.lastErrorMs, t ? t.version : -1]); }, 5);
      }""";

  private final Path dir;

  private PlayerTrace(Path dir) {
    this.dir = dir;
  }

  /** The trace the environment asks for, or null. */
  static PlayerTrace fromEnv() throws IOException {
    String d = System.getenv("BENCH_SYNC_TRACE");
    return d == null || d.isBlank() ? null : new PlayerTrace(Files.createDirectories(Path.of(d.strip())));
  }

  void start(RoomPage page) {
    page.page().evaluate(INSTALL);
  }

  void write(RoomPage page, String condition) throws IOException {
    Object json = page.page().evaluate("() => JSON.stringify(window.__benchTrace ?? [])");
    String file = condition.replaceAll("[^A-Za-z0-9]+", "-") + "-" + page.name() + ".json";
    Files.writeString(dir.resolve(file), String.valueOf(json));
  }
}
