package dev.cowatch.bench;

import com.microsoft.playwright.Page;
import dev.cowatch.e2e.Coturn;
import dev.cowatch.e2e.E2eStack;
import dev.cowatch.e2e.NetNamespace;
import dev.cowatch.e2e.Percentiles;
import dev.cowatch.e2e.RoomPage;
import dev.cowatch.e2e.RoomSession;
import dev.cowatch.server.rtc.IceConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench/run p2p}: a 50 MB film shared from one headless Chromium page to another over WebRTC, both
 * in a network namespace (WebRTC needs an interface beyond loopback). Directly: the transfer's speed, the
 * time from "Accept" to the receiver's first frame of a playing room, and how far apart the two players
 * are while the file arrives. Then through Debian's coturn (relay only): the relayed speed.
 */
public final class P2pBench {
  private static final int FILM_SECONDS = 60;
  /** BENCH_P2P_PROFILE=1: both pages' JavaScript profiled during the direct transfer (it slows it down a little). */
  private static final boolean PROFILE = "1".equals(System.getenv("BENCH_P2P_PROFILE"));
  /** BENCH_P2P_CEILING_ONLY=1: only Chromium's own data channel speeds, not Cowatch's transfer. */
  private static final boolean CEILING_ONLY = "1".equals(System.getenv("BENCH_P2P_CEILING_ONLY"));
  /** BENCH_P2P_NO_SWARM=1: the receiver of the direct and relayed runs does not join a swarm (for comparison). */
  private static final boolean NO_SWARM = "1".equals(System.getenv("BENCH_P2P_NO_SWARM"));
  /** BENCH_P2P_NO_PACER=1: the sharer sends without its pacer, as Chromium's ceiling does (for comparison). */
  private static final boolean NO_PACER = "1".equals(System.getenv("BENCH_P2P_NO_PACER"));
  /** BENCH_P2P_DIRECT_ONLY=1: Chromium's ceiling in one shape (64 KiB, one channel) and the direct transfer, for quick looks. */
  private static final boolean DIRECT_ONLY = "1".equals(System.getenv("BENCH_P2P_DIRECT_ONLY"));

  /**
   * @param ceilingMibPerSecond the fastest shape of Chromium's own data channels in this run (DataChannelCeiling)
   * @param swarmMibPerSecond the slowest of the swarm's receivers
   * @param sharerUploadRatio what the sharer's browser sent on its data channels to the swarm, over the film's size
   * @param playingCeilingMibPerSecond the same ceiling with both pages playing the film meanwhile, as Cowatch's direct
   *     transfer does (NaN when not measured)
   */
  public record Result(double mibPerSecond, double ceilingMibPerSecond, long timeToPlayMs, double syncP95Ms,
      double relayMibPerSecond, int swarmReceivers, double swarmMibPerSecond, double sharerUploadRatio,
      double aloneBehindUplinkMibPerSecond, double pausedMibPerSecond, double playingCeilingMibPerSecond) {
    public String line() {
      return String.format(java.util.Locale.ROOT, "p2p: mib_s=%.1f ceiling_mib_s=%.1f ratio=%.2f time_to_play_ms=%d"
          + " sync_p95_ms=%.1f relay_mib_s=%.1f swarm_receivers=%d swarm_mib_s=%.1f sharer_upload_ratio=%.2f"
          + " uplink_mib_s=%.1f alone_behind_uplink_mib_s=%.1f paused_mib_s=%.1f paused_ratio=%.2f"
          + " playing_ceiling_mib_s=%.1f playing_ratio=%.2f",
          mibPerSecond, ceilingMibPerSecond, mibPerSecond / ceilingMibPerSecond, timeToPlayMs, syncP95Ms, relayMibPerSecond,
          swarmReceivers, swarmMibPerSecond, sharerUploadRatio, UPLINK_BYTES_PER_SECOND / 1048576.0, aloneBehindUplinkMibPerSecond,
          pausedMibPerSecond, pausedMibPerSecond / ceilingMibPerSecond, playingCeilingMibPerSecond,
          mibPerSecond / playingCeilingMibPerSecond);
    }
  }

  private record Run(double mibPerSecond, long timeToPlayMs, Percentiles spread) {}

  private record Swarm(double slowestMibPerSecond, double sharerUploadRatio) {}

  /** Receivers of one film at once in the swarm measurement. */
  private static final int SWARM_RECEIVERS = 4;
  /**
   * The sharer's upload in the swarm measurement, all its links together: a home connection's (16 Mbit/s), which is
   * what a swarm is for; unlimited, the pages' own CPU on two cores would be the limit for everyone alike.
   */
  static final int UPLINK_BYTES_PER_SECOND = 2 * 1024 * 1024;

  public Result run(PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("cowatch-p2p-bench");
    Path film = makeFilm(dir);
    out.printf("film: %d bytes%n", Files.size(film));
    try (NetNamespace ns = NetNamespace.create(); Coturn turn = Coturn.start(ns.hostAddress());
        E2eStack stack = E2eStack.startInNamespace(ns,
            c -> c.ice(IceConfig.parse(turn.url(), turn.secret(), Duration.ofHours(1))))) {
      // Chromium's own ceiling first, in the same namespace and browser: what any design here could reach.
      double ceiling = DIRECT_ONLY ? DataChannelCeiling.measure(stack, DataChannelCeiling.SHAPES.getFirst(), Files.size(film), null, out)
          : DataChannelCeiling.measureAll(stack, Files.size(film), null, out);
      // And with both pages playing the film meanwhile: the direct transfer below plays it, on the same two cores.
      double playingCeiling = DIRECT_ONLY
          ? DataChannelCeiling.measure(stack, DataChannelCeiling.SHAPES.getFirst(), Files.size(film), film, out)
          : DataChannelCeiling.measureAll(stack, Files.size(film), film, out);
      if (CEILING_ONLY) {
        return new Result(Double.NaN, ceiling, -1, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            playingCeiling);
      }
      long[] udpBefore = udpErrors(ns);
      Run direct = transfer(stack, film, Mode.PLAYING, out);
      long[] udpAfter = udpErrors(ns);
      out.printf("direct: UDP datagrams the namespace's kernel dropped: %d for a full receive buffer, %d for a full send"
          + " buffer%n", udpAfter[0] - udpBefore[0], udpAfter[1] - udpBefore[1]);
      // The same transfer with the room paused: what Cowatch's own machinery costs, beside a ceiling that plays nothing.
      Run paused = transfer(stack, film, Mode.PAUSED, out);
      long[] udpPaused = udpErrors(ns);
      out.printf("direct, paused: UDP datagrams the namespace's kernel dropped: %d for a full receive buffer, %d for a"
          + " full send buffer%n", udpPaused[0] - udpAfter[0], udpPaused[1] - udpAfter[1]);
      out.printf(java.util.Locale.ROOT, "direct, paused: %.2f of the ceiling%n", paused.mibPerSecond() / ceiling);
      if (DIRECT_ONLY) {
        return new Result(direct.mibPerSecond(), ceiling, direct.timeToPlayMs(), direct.spread().p(95), Double.NaN, 0, Double.NaN,
            Double.NaN, Double.NaN, paused.mibPerSecond(), playingCeiling);
      }
      Run relayed = transfer(stack, film, Mode.RELAYED, out);
      // Behind a home connection's upload: one receiver alone, then SWARM_RECEIVERS at once.
      Swarm alone = swarm(stack, film, 1, out);
      Swarm swarm = swarm(stack, film, SWARM_RECEIVERS, out);
      return new Result(direct.mibPerSecond(), ceiling, direct.timeToPlayMs(), direct.spread().p(95), relayed.mibPerSecond(),
          SWARM_RECEIVERS, swarm.slowestMibPerSecond(), swarm.sharerUploadRatio(), alone.slowestMibPerSecond(), paused.mibPerSecond(),
          playingCeiling);
    } finally {
      Files.deleteIfExists(film);
      Files.deleteIfExists(dir);
    }
  }

  /** Ann's room, made from the home page so that she may change its media; her page and the room's id. */
  private static RoomPage sharerRoom(E2eStack stack) {
    return stack.chromium().newViewer("Ann").createRoom(stack.baseUri(), "Bench");
  }

  /**
   * One sharer and {@code receivers} receivers accepting the film at once, the room paused (the transfer alone):
   * each receiver's speed, and what the sharer's browser sent on its data channels against the film's size.
   */
  private Swarm swarm(E2eStack stack, Path film, int receivers, PrintStream out) throws IOException {
    RoomPage ann = sharerRoom(stack);
    List<RoomPage> viewers = new ArrayList<>();
    try {
      String roomId = ann.page().url().substring(ann.page().url().lastIndexOf("/r/") + 3);
      ann.page().locator("#hide-address").uncheck();
      for (int i = 0; i < receivers; i++) {
        RoomPage v = stack.chromium().newViewer("Viewer" + i).join(stack.baseUri(), roomId, 0);
        viewers.add(v);
        v.page().locator("#hide-address").uncheck();
      }
      ann.page().evaluate("(b) => { (window.__cowatchP2p ??= { forceRelay: false, corruptNext: 0, maxBytesPerSecond: 0, sharers: [],"
          + " fetchers: [] }).uplinkBytesPerSecond = b; }", UPLINK_BYTES_PER_SECOND);
      ann.page().locator("#share-file").setInputFiles(film);
      for (RoomPage v : viewers) v.page().locator("#p2p-accept").waitFor();
      ChromiumCpu cpu = ChromiumCpu.start();
      for (RoomPage v : viewers) v.page().locator("#p2p-accept").click();
      long deadline = System.currentTimeMillis() + 300_000;
      List<Double> speeds = new ArrayList<>();
      for (RoomPage v : viewers) {
        v.page().waitForFunction("() => ['done', 'failed'].includes(window.__cowatchP2p?.fetchers?.at(-1)?.status)", null,
            new Page.WaitForFunctionOptions().setTimeout(Math.max(1_000, deadline - System.currentTimeMillis())));
        List<?> f = (List<?>) v.page().evaluate("() => { const f = window.__cowatchP2p.fetchers.at(-1);"
            + " return [f.status, f.share.size / 1048576 / ((f.completedAt - f.openedAt) / 1000), f.fromFellows, f.sentToFellows]; }");
        out.printf(java.util.Locale.ROOT, "swarm: %s took %s chunks from fellow receivers and sent them %.1f MiB%n", v.name(), f.get(2),
            ((Number) f.get(3)).doubleValue() / 1048576);
        if (!"done".equals(f.get(0))) throw new IllegalStateException(v.name() + ": the transfer failed");
        speeds.add(((Number) f.get(1)).doubleValue());
      }
      cpu.stopAndPrint(out);
      double sent = ((Number) ann.page().evaluate(SHARER_SENT)).doubleValue();
      double ratio = sent / Files.size(film);
      double slowest = speeds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
      out.printf(java.util.Locale.ROOT, "swarm: %d receiver(s) behind an uplink of %.1f MiB/s at %s MiB/s; the sharer sent %.1f MiB,"
          + " %.2f times the film%n", receivers, UPLINK_BYTES_PER_SECOND / 1048576.0, speeds.stream().map(x -> String.format(java.util.Locale.ROOT, "%.1f", x)).toList(), sent / 1048576, ratio);
      return new Swarm(slowest, ratio);
    } finally {
      for (RoomPage v : viewers) v.close();
      ann.close();
    }
  }

  /** Bytes the sharer's page sent its receivers on their data channels (chunks with their headers; fileSharer.ts counts). */
  private static final String SHARER_SENT = """
      () => {
        let sent = 0;
        for (const sh of window.__cowatchP2p.sharers) for (const r of sh.receivers.values()) sent += r.sentBytes ?? 0;
        return sent;
      }""";

  /** Marks the instant of the click on "Accept" and every event of the receiver's player after it. */
  private static final String TIME_TO_PLAY_TRACE = """
      () => {
        const v = window.__cowatch.video, t = window.__ttp = { accept: 0, events: [] };
        document.getElementById('p2p-accept').addEventListener('click', () => { t.accept = performance.now(); }, { capture: true });
        for (const e of ['loadstart', 'loadedmetadata', 'loadeddata', 'canplay', 'canplaythrough', 'waiting', 'playing']) {
          v.addEventListener(e, () => { if (t.events.length < 40) t.events.push([e, performance.now()]); });
        }
      }""";

  /** The trace as "event +ms" from the click, with the link's opening among them. */
  private static final String TIME_TO_PLAY_READ = """
      () => {
        const t = window.__ttp, f = window.__cowatchP2p.fetchers.at(-1);
        const all = [...t.events];
        if (f?.openedAt) all.push(['channel open', f.openedAt]);
        all.sort((x, y) => x[1] - y[1]);
        return all.map(([e, at]) => `${e} +${Math.round(at - t.accept)}`).join(', ');
      }""";

  /**
   * The player's asks of the fetcher (FileFetcher.needs) from the click: "+ms chunk (arrived +ms, stored +ms)", "here"
   * for a chunk there before the ask.
   */
  private static final String NEEDS_READ = """
      () => {
        const t = window.__ttp, f = window.__cowatchP2p.fetchers.at(-1);
        const at = (x) => x === -1 ? 'here' : Number.isNaN(x) ? 'never' : `+${Math.round(x - t.accept)}`;
        return f.needs.map((n) => `+${Math.round(n.atMs - t.accept)} #${n.index} (arrived ${at(n.arrivedAt)}, stored ${at(n.storedAt)})`)
            .join('; ');
      }""";

  /** How a transfer is measured: directly with the room playing, directly with it paused, or through coturn (paused). */
  private enum Mode {
    PLAYING(false, true, "direct"), PAUSED(false, false, "direct, paused"), RELAYED(true, false, "relayed (coturn)");

    final boolean relay;
    final boolean play;
    final String label;

    Mode(boolean relay, boolean play, String label) {
      this.relay = relay;
      this.play = play;
      this.label = label;
    }
  }

  private Run transfer(E2eStack stack, Path film, Mode mode, PrintStream out) {
    boolean relay = mode.relay;
    RoomPage ann = sharerRoom(stack);
    RoomPage bob = null;
    try {
      Page a = ann.page();
      String roomId = a.url().substring(a.url().lastIndexOf("/r/") + 3);
      bob = stack.chromium().newViewer("Bob").join(stack.baseUri(), roomId, 0);
      String setRelay = "(r) => { (window.__cowatchP2p ??= { forceRelay: false, corruptNext: 0, maxBytesPerSecond: 0,"
          + " sharers: [], fetchers: [] }).forceRelay = r; }";
      a.evaluate(setRelay, relay);
      bob.page().evaluate(setRelay, relay);
      if (NO_SWARM) bob.page().evaluate("() => { window.__cowatchP2p.noSwarm = true; }");
      if (NO_PACER) a.evaluate("() => { window.__cowatchP2p.noPacer = true; }");
      if (!relay) {
        // Guests hide their address by default where the server has a relay (addressPrivacy.ts): these two choose a
        // direct connection, as P2pBrowserTest's viewers do; else "direct" would go through coturn.
        a.locator("#hide-address").uncheck();
        bob.page().locator("#hide-address").uncheck();
      }
      a.locator("#share-file").setInputFiles(film);
      bob.page().locator("#p2p-accept").waitFor();
      RoomSession room = new RoomSession(stack, roomId);
      room.add(ann);
      room.add(bob);
      // The first frame presented while playing, as the compositor reports it (requestVideoFrameCallback).
      bob.page().evaluate("() => { const v = window.__cowatch.video; window.__firstFrameAt = 0;"
          + " const cb = (now, meta) => { if (!v.paused && meta.mediaTime > 0) window.__firstFrameAt = Date.now();"
          + " else v.requestVideoFrameCallback(cb); }; v.requestVideoFrameCallback(cb); }");
      List<CpuProfile> profiles = PROFILE && mode == Mode.PLAYING
          ? List.of(CpuProfile.start(a, "the sharer"), CpuProfile.start(bob.page(), "the receiver")) : List.of();
      ChromiumCpu cpu = ChromiumCpu.start();
      // Where the time to play goes: the receiver's player's events, from the click on "Accept" (the page's clock).
      bob.page().evaluate(TIME_TO_PLAY_TRACE);
      long acceptedAt = System.currentTimeMillis();
      bob.page().locator("#p2p-accept").click();
      // The paused and relayed runs measure the transfer alone, as Chromium's ceiling does: the room stays paused.
      if (mode.play) a.evaluate("() => window.__cowatch.client.play()");
      long firstFrameAt = -1;
      List<Double> spreads = new ArrayList<>();
      // Every 250 ms from the click: the sharer's pacer (sendPacer.ts), what it sent and what the receiver has, in MiB.
      StringBuilder pace = new StringBuilder();
      long lastPaceAt = 0;
      while (System.currentTimeMillis() - acceptedAt < 300_000) {
        // The fetcher is made once the page has checked storage and its service worker: not at the click itself.
        Object state = bob.page().evaluate("() => { const f = window.__cowatchP2p.fetchers.at(-1), v = window.__cowatch.video;"
            + " return f ? [v.currentTime > 0 && !v.paused, f.status, f.completedAt ? 1 : 0] : [false, 'none', 0]; }");
        List<?> s = (List<?>) state;
        if (firstFrameAt < 0 && (!mode.play || Boolean.TRUE.equals(s.get(0)))) firstFrameAt = System.currentTimeMillis();
        boolean complete = ((Number) s.get(2)).intValue() == 1;
        if (mode.play && firstFrameAt >= 0 && !complete) {
          var round = room.round();
          if (round.allPlaying()) spreads.add(round.spreadMs());
        }
        if ("failed".equals(s.get(1))) throw new IllegalStateException("the transfer failed: " + bob.text("#p2p-receiving"));
        if (!complete && System.currentTimeMillis() - lastPaceAt >= 250) {
          lastPaceAt = System.currentTimeMillis();
          List<?> p = (List<?>) a.evaluate("() => { const r = [...(window.__cowatchP2p.sharers.at(-1)?.receivers.values() ?? [])][0];"
              + " return r?.pacer ? [r.pacer.bytesPerSecond / 1048576, r.sentBytes / 1048576, (r.channel?.bufferedAmount ?? 0) / 1048576]"
              + " : [-1, 0, 0]; }");
          double got = ((Number) bob.page().evaluate("() => (window.__cowatchP2p.fetchers.at(-1)?.progress?.bytes ?? 0) / 1048576"))
              .doubleValue();
          pace.append(String.format(java.util.Locale.ROOT, " +%d %.1f/%.1f/%.1f/%.1f", lastPaceAt - acceptedAt,
              ((Number) p.get(0)).doubleValue(), ((Number) p.get(1)).doubleValue(), ((Number) p.get(2)).doubleValue(), got));
        }
        if (complete && firstFrameAt >= 0) break;
        bob.idle(20);
      }
      cpu.stopAndPrint(out);
      // What the sharer's pacer (sendPacer.ts) answers to: packets Chromium dropped on the way out.
      Object dropped = a.evaluate("async () => { let sent = 0, dropped = 0; for (const sh of window.__cowatchP2p.sharers)"
          + " for (const r of sh.receivers.values()) { if (!r.link) continue; (await r.link.pc.getStats()).forEach((x) => {"
          + " if (x.type === 'candidate-pair') { sent += x.packetsSent ?? 0; dropped += x.packetsDiscardedOnSend ?? 0; } }); }"
          + " return `${dropped} of ${sent}`; }");
      out.printf("%s: packets the sharer's browser dropped on send: %s%n", mode.label, dropped);
      for (CpuProfile p : profiles) p.stopAndPrint(out, 25);
      List<?> times = (List<?>) bob.page().evaluate("() => { const f = window.__cowatchP2p.fetchers.at(-1);"
          + " return [(f.completedAt - f.openedAt) / 1000, f.route ?? 'unknown']; }");
      double seconds = ((Number) times.get(0)).doubleValue();
      if (mode.play) {
        out.printf("direct: from accept to play: %s%n", bob.page().evaluate(TIME_TO_PLAY_READ));
        out.printf("direct: the player's asks: %s%n", bob.page().evaluate(NEEDS_READ));
        out.printf("direct: +ms from the click pacer MiB/s / sent / in the channel's buffer / received MiB:%s%n", pace);
      }
      out.printf("%s: the connection's route: %s%n", mode.label, times.get(1));
      long presented = ((Number) bob.page().evaluate("() => window.__firstFrameAt")).longValue();
      if (mode.play && presented > 0) firstFrameAt = presented;
      double size = ((Number) bob.page().evaluate("() => window.__cowatchP2p.fetchers.at(-1).share.size")).doubleValue();
      double mib = size / (1024 * 1024) / seconds;
      Percentiles spread = new Percentiles(spreads.isEmpty() ? List.of(Double.NaN) : spreads);
      if (!mode.play) {
        out.printf("%s: %.1f MiB in %.2f s = %.1f MiB/s%n", mode.label, size / (1024 * 1024), seconds, mib);
      } else {
        out.printf("direct: %.1f MiB in %.2f s = %.1f MiB/s; first frame %d ms after accept; spread while arriving %s%n",
            size / (1024 * 1024), seconds, mib, firstFrameAt - acceptedAt, spread);
      }
      return new Run(mib, firstFrameAt - acceptedAt, spread);
    } finally {
      ann.close();
      if (bob != null) bob.close();
    }
  }

  /** The namespace's UDP RcvbufErrors and SndbufErrors so far (/proc/net/snmp inside it). */
  private static long[] udpErrors(NetNamespace ns) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(ns.inside(List.of("cat", "/proc/net/snmp"))).redirectErrorStream(true).start();
    List<String> udp = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
        .filter(l -> l.startsWith("Udp:")).toList();
    p.waitFor();
    if (udp.size() < 2) return new long[] {0, 0};
    List<String> names = List.of(udp.get(0).split("\\s+"));
    String[] values = udp.get(1).split("\\s+");
    return new long[] {Long.parseLong(values[names.indexOf("RcvbufErrors")]), Long.parseLong(values[names.indexOf("SndbufErrors")])};
  }

  private static Path makeFilm(Path dir) throws IOException, InterruptedException {
    Path out = dir.resolve("film.mp4");
    Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i",
        "testsrc=duration=" + FILM_SECONDS + ":size=1280x720:rate=25,noise=alls=30:allf=t", "-f", "lavfi", "-i",
        "sine=frequency=440:duration=" + FILM_SECONDS, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
        "-g", "25", "-b:v", "6600k", "-maxrate", "6600k", "-bufsize", "6600k", "-c:a", "aac", "-b:a", "64k", "-shortest",
        "-movflags", "+faststart", out.toString()).inheritIO().start();
    if (p.waitFor() != 0) throw new IOException("ffmpeg could not make the film (scripts/install-tools.sh ffmpeg)");
    return out;
  }
}
