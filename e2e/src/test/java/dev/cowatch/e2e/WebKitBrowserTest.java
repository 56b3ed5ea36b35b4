package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.e2e.webdriver.WebKit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A WebKit viewer (Safari's engine) beside Chromium viewers in one room. */
@RunsAlone
class WebKitBrowserTest {
  static final String GRANULARITY = """
      const done = arguments[arguments.length - 1], v = window.__cowatch.video;
      let last = v.currentTime, lastAt = performance.now(), changes = 0, longest = 0;
      const readyStates = new Set(), start = lastAt;
      const timer = setInterval(() => {
        const now = performance.now(), t = v.currentTime;
        readyStates.add(v.readyState);
        if (t !== last) { changes++; longest = Math.max(longest, now - lastAt); last = t; lastAt = now; }
        if (now - start > 2000) {
          clearInterval(timer);
          done(JSON.stringify({changes, longest, readyStates: [...readyStates], duration: v.duration}));
        }
      }, 2);""";

  /** 2 s of (clock, currentTime) every 2 ms while playing at one rate: how far currentTime strays from a straight line. */
  static final String NOISE = """
      const done = arguments[arguments.length - 1], v = window.__cowatch.video, xs = [], ys = [];
      const start = performance.now(), rate = v.playbackRate;
      const timer = setInterval(() => {
        const now = performance.now();
        if (!v.paused && !v.seeking && v.playbackRate === rate) { xs.push(now); ys.push(v.currentTime * 1000); }
        if (now - start > 2000) {
          clearInterval(timer);
          const n = xs.length, mx = xs.reduce((a, b) => a + b) / n, my = ys.reduce((a, b) => a + b) / n;
          let sxy = 0, sxx = 0;
          for (let i = 0; i < n; i++) { sxy += (xs[i] - mx) * (ys[i] - my); sxx += (xs[i] - mx) ** 2; }
          const slope = sxy / sxx, res = xs.map((x, i) => Math.abs(ys[i] - (my + slope * (x - mx)))).sort((a, b) => a - b);
          done(JSON.stringify({n, slope, p50: res[n >> 1], p95: res[Math.floor(n * 0.95)], max: res[n - 1]}));
        }
      }, 2);""";

  static final String TRACE = """
      const w = window.__cowatch, v = w.video, c = w.client, tr = window.__tr = [];
      const expected = () => { const t = c.timeline, now = c.serverNowMs();
        if (!t) return NaN;
        return t.state === 'playing' && now > t.anchorTimeMs ? t.anchorPositionMs + (now - t.anchorTimeMs) * t.rate : t.anchorPositionMs; };
      for (const m of ['play', 'pause']) { const o = v[m]; v[m] = function () { tr.push([m, performance.now(), v.currentTime * 1000, expected()]); return o.call(v); }; }
      const d = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'currentTime');
      Object.defineProperty(v, 'currentTime', { configurable: true, get() { return d.get.call(v); },
        set(x) { tr.push(['seek', performance.now(), d.get.call(v) * 1000, expected(), x * 1000]); d.set.call(v, x); } });
      const r = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'playbackRate');
      Object.defineProperty(v, 'playbackRate', { configurable: true, get() { return r.get.call(v); },
        set(x) { tr.push(['rate', performance.now(), d.get.call(v) * 1000, expected(), x]); r.set.call(v, x); } });
      for (const e of ['playing', 'seeked', 'waiting', 'canplay']) v.addEventListener(e, () => tr.push([e, performance.now(), d.get.call(v) * 1000, expected()]));
      setInterval(() => tr.push(['s', performance.now(), d.get.call(v) * 1000, expected(), v.paused ? 1 : 0, v.readyState, w.sync.lastErrorMs]), 5);
      return true;""";

  private static void sleep(long ms) throws InterruptedException {
    Thread.sleep(ms);
  }

  @Test
  void aWebKitViewer_playsOnTheRoomsTimeline() throws Exception {
    try (E2eStack stack = E2eStack.start(); WebKit webkit = WebKit.start()) {
      RoomSession room = new RoomSession(stack, stack.createRoom());
      WebKitPage wes = new WebKitPage("Wes", webkit.open()).join(stack.baseUri(), room.roomId(), 1);
      wes.run(TRACE);
      wes.clickPlayPause();
      sleep(2_000);
      for (int i = 0; i < 20; i++) {
        PageSample w = wes.sample();
        var t = room.timeline();
        double expected = t.positionAt((long) w.wallMs());
        System.out.printf("alone: wes %.0f err %.1f syncErr %.1f rate %.3f paused %s%n", w.positionMs(), w.positionMs() - expected,
            w.syncErrorMs(), w.rate(), w.paused());
        sleep(500);
      }
      java.nio.file.Files.writeString(Path.of("target/webkit-trace.json"), wes.run("return JSON.stringify(window.__tr)").asText());
      System.out.println("webkit alone commands: " + wes.run("return JSON.stringify(window.__cowatch.sync.commandCounts)"));
      System.out.println("webkit alone noise: " + wes.driver().executeAsync(NOISE));
      System.out.println("webkit alone currentTime: " + wes.driver().executeAsync(GRANULARITY));
      RoomPage ann = room.join("Ann");
      sleep(2_000);
      for (int i = 0; i < 20; i++) {
        PageSample a = ann.sample();
        PageSample w = wes.sample();
        double wAtA = w.positionAt(a.wallMs());
        System.out.printf("ann %.0f  wes %.0f (at ann's instant %.0f, diff %.1f) wes syncErr %.1f rate %.3f paused %s%n",
            a.positionMs(), w.positionMs(), wAtA, wAtA - a.positionMs(), w.syncErrorMs(), w.rate(), w.paused());
        sleep(500);
      }
      System.out.println("webkit commands: " + wes.run("return JSON.stringify(window.__cowatch.sync.commandCounts)"));
      System.out.println("chromium commands: " + ann.commandCounts());
      wes.screenshot(Path.of("target/webkit-room.png"));
      assertThat(wes.sample().readyState()).isGreaterThan(0);
    }
  }
}
