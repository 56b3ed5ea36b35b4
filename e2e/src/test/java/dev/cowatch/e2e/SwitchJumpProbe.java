package dev.cowatch.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How far headless Chromium's {@code currentTime} jumps when {@code playbackRate} changes: into a nudge's
 * rate and back, for speeding up and slowing down, from four resting rates (the sync controller's
 * SwitchCosts learns these per player;
 * docs/performance-history.md#issue-21-fifth-pass-what-a-rate-switch-really-costs-in-chromium has the figures). Not a
 * test the build runs (its name matches no test pattern): {@code ./mvnw -pl e2e -am verify
 * -Dtest=SwitchJumpProbe -Dsurefire.failIfNoSpecifiedTests=false}, and read its output.
 */
class SwitchJumpProbe {
  @Test
  void probe() throws Exception {
    Path dir = Files.createTempDirectory("probe");
    Files.write(dir.resolve("v.webm"), E2eStack.findVideo());
    Files.writeString(dir.resolve("p.html"), "<video id=v src=v.webm></video>");
    try (Chromium c = Chromium.launch()) {
      RoomPage p = c.newViewer("probe");
      p.page().navigate(dir.resolve("p.html").toUri().toString());
      Object out = p.page().evaluate("""
          async () => {
            const v = document.getElementById('v');
            v.loop = true;
            await v.play();
            const sleep = (ms) => new Promise(r => setTimeout(r, ms));
            await sleep(1500);
            const read = async (ms) => { const xs = []; const end = performance.now() + ms;
              while (performance.now() < end) { xs.push([performance.now(), v.currentTime * 1000]); await sleep(10); } return xs; };
            // least squares fit of position against time, with the given slope, evaluated at t
            const at = (xs, slope, t) => xs.reduce((s, [w, p]) => s + p - slope * (w - t), 0) / xs.length;
            const out = [];
            for (const base of [1, 1.0001, 0.9999, 1.001]) {
              v.playbackRate = base;
              await sleep(800);
              for (let i = 0; i < 8; i++) {
                const r = [1.012, 1.05, 0.95, 0.988][i % 4];
                const before = await read(400);
                const t1 = performance.now(); v.playbackRate = r;
                const during = await read(600);
                const t2 = performance.now(); v.playbackRate = base;
                const after = await read(400);
                out.push({ base, rate: r, enter: +(at(during.slice(5), r, t1) - at(before, base, t1)).toFixed(1),
                  leave: +(at(after.slice(5), base, t2) - at(during.slice(5), r, t2)).toFixed(1) });
              }
            }
            return JSON.stringify(out);
          }""");
      System.out.println("switch jumps: " + out);
    }
  }
}
