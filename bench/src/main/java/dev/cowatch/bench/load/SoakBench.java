package dev.cowatch.bench.load;

import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.JsonCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code bench/run soak}: thousands of clients joining, playing, chatting and leaving for minutes on
 * end, while the server's live heap (after a full GC) and its thread count are sampled; a
 * least-squares slope after the warm-up says whether either grows. Last line:
 * {@code soak: minutes=M clients_peak=N heap_slope_kib_per_min=X threads_slope_per_min=Y errors=E}.
 *
 * <p>Each room has a host that stays and sends an intent every {@link Scenario#intentEveryMs}; its
 * viewers come and go (each second {@link Scenario#churnPerSecond} of them leave and as many new ones
 * join, so a viewer stays a minute or two) and chat now and then. Everything is driven from one thread
 * (the crowd is not thread-safe); the viewers' traffic runs on the crowd's loops.
 */
public final class SoakBench {
  /**
   * @param minutes how long the load runs (warm-up included)
   * @param rooms rooms, each with one host
   * @param viewersPerRoom viewers kept in each room (they churn)
   * @param churnPerSecond fraction of all viewers replaced each second
   * @param chatEverySeconds on average, how often a viewer says something
   * @param intentEveryMs how often each host plays, pauses or seeks
   * @param sampleEverySeconds how often the heap and threads are sampled
   * @param warmupFraction the first part of the run left out of the slopes (JIT, caches, pools filling)
   */
  public record Scenario(double minutes, int rooms, int viewersPerRoom, double churnPerSecond, double chatEverySeconds,
      long intentEveryMs, double sampleEverySeconds, double warmupFraction) {
    /** 10 minutes (or {@code BENCH_SOAK_MINUTES}), 150 rooms of 1 host and 19 viewers: 3,000 clients. */
    public static Scenario full(double minutes) {
      return new Scenario(minutes, 150, 19, 0.01, 60, 2_000, minutes <= 3 ? 10 : 20, 0.25);
    }

    int clients() {
      return rooms * (viewersPerRoom + 1);
    }
  }

  private static final JsonCodec CODEC = new JsonCodec();
  /** A room's size cap: churn overlaps a leaver and its replacement for a moment. */
  private static final int MAX_MEMBERS = 200;
  /** Bound on everyone's first join, before the timed run starts. */
  private static final long JOIN_BOUND_NANOS = 120_000_000_000L;
  /**
   * How long an intent may take to reach every member of its room (or be refused) before it counts
   * as an error: far above any fan-out (milliseconds), long enough to ride out a full collection on a
   * busy machine.
   */
  static final long INTENT_PATIENCE_NANOS = 10_000_000_000L;

  private final Scenario scenario;
  private final Random random = new Random(19);

  public SoakBench(Scenario scenario) {
    this.scenario = scenario;
  }

  /** One sample of the server: minutes since the start, live heap in KiB, OS threads. */
  record Sample(double minute, double heapKib, int threads) {}

  public String run(PrintStream out) throws IOException, InterruptedException {
    Path runDir = Files.createTempDirectory("cowatch-soak-");
    Counters counters = new Counters();
    try (CowatchServerProcess server = CowatchServerProcess.start(runDir)) {
      out.printf("soak: Cowatch pid %d on %s, log %s; %d rooms, %d clients, %.1f min%n", server.process().pid(),
          server.base(), runDir.resolve("server.log"), scenario.rooms(), scenario.clients(), scenario.minutes());
      List<RoomsLoad.Room> rooms = createRooms(server);
      List<Sample> samples = new ArrayList<>();
      long peak = 0;
      long left = 0;
      try (Crowd crowd = new Crowd(2, server.address())) {
        List<RoomProbe> probes = new ArrayList<>();
        List<Viewer> hosts = new ArrayList<>();
        List<List<Viewer>> viewers = new ArrayList<>();
        int opened = 0;
        for (RoomsLoad.Room room : rooms) {
          RoomProbe probe = new RoomProbe(counters);
          probes.add(probe);
          Viewer host = new Viewer(probe, counters, "host", room.ownerToken(), 0);
          hosts.add(host);
          crowd.connect(host, path(room));
          List<Viewer> here = new ArrayList<>();
          for (int i = 0; i < scenario.viewersPerRoom(); i++) {
            while (opened - counters.settled() > RoomsLoad.MAX_JOINING) Thread.sleep(5);
            Viewer v = new Viewer(probe, counters, "viewer " + opened, null, (opened % 7) - 3);
            crowd.connect(v, path(room));
            here.add(v);
            opened++;
          }
          viewers.add(here);
        }
        long t0 = System.nanoTime();
        while (counters.settled() < scenario.clients() && System.nanoTime() - t0 < JOIN_BOUND_NANOS) {
          Thread.sleep(20);
        }
        out.printf("  %d of %d clients joined in %.1f s%n", counters.joined.sum(), scenario.clients(),
            (System.nanoTime() - t0) / 1e9);
        long start = System.nanoTime();
        long end = start + (long) (scenario.minutes() * 60e9);
        long nextSample = start;
        long nextSecond = start;
        long[] nextIntent = new long[rooms.size()];
        for (int r = 0; r < rooms.size(); r++) nextIntent[r] = start + scenario.intentEveryMs() * 1_000_000L * r / rooms.size();
        while (System.nanoTime() < end) {
          long now = System.nanoTime();
          for (int r = 0; r < rooms.size(); r++) {
            if (now < nextIntent[r]) continue;
            nextIntent[r] += scenario.intentEveryMs() * 1_000_000L;
            Viewer host = hosts.get(r);
            RoomProbe probe = probes.get(r);
            if (!probe.mayStart(now, INTENT_PATIENCE_NANOS)) {
              counters.deferred.increment(); // the previous intent is still on its way: wait a turn
              continue;
            }
            long step = probe.nextStep(); // pause, seek, play in turn, so that each intent changes the timeline
            Crowd.on(host, () -> {
              if (host.joined()) host.send(Intents.nth(step + 2, probe.start(host, System.nanoTime(), false)));
            });
          }
          if (now >= nextSecond) {
            nextSecond += 1_000_000_000L;
            left += churnAndChat(crowd, rooms, probes, viewers, counters);
            peak = Math.max(peak, counters.joined.sum() - left - counters.lostAfterJoining());
          }
          if (now >= nextSample) {
            nextSample += (long) (scenario.sampleEverySeconds() * 1e9);
            Sample s = new Sample((now - start) / 60e9, server.heapAfterGcBytes() / 1024.0,
                threads(server.process().pid()));
            samples.add(s);
            out.printf("  %5.2f min: heap after GC %,.0f KiB, %d threads, %d clients here, %d joins, %d errors%n",
                s.minute(), s.heapKib(), s.threads(), counters.joined.sum() - left - counters.lostAfterJoining(),
                counters.joined.sum(), counters.errors());
          }
          Thread.sleep(10);
        }
        long drained = System.nanoTime() + INTENT_PATIENCE_NANOS;
        while (System.nanoTime() < drained && probes.stream().anyMatch(p -> !p.mayStart(System.nanoTime(), Long.MAX_VALUE))) {
          Thread.sleep(50);
        }
        for (RoomProbe p : probes) p.expire(); // an intent still unseen now is an error
        samples.add(new Sample((System.nanoTime() - start) / 60e9, server.heapAfterGcBytes() / 1024.0,
            threads(server.process().pid())));
        if (counters.errors() > 0) out.println("  errors:" + counters.summary());
        crowd.leaveAll();
      }
      double warmupMinutes = scenario.minutes() * scenario.warmupFraction();
      List<double[]> heap = new ArrayList<>();
      List<double[]> threads = new ArrayList<>();
      for (Sample s : samples) {
        if (s.minute() < warmupMinutes) continue;
        heap.add(new double[] {s.minute(), s.heapKib()});
        threads.add(new double[] {s.minute(), s.threads()});
      }
      out.printf("  %d samples after a %.2f min warm-up; %d clients left and were replaced; %d intents refused as"
          + " stale (a join crossed them; not errors); %d controller turns waited for an intent still in flight%n",
          heap.size(), warmupMinutes, left, counters.conflicts.sum(), counters.deferred.sum());
      return line(scenario.minutes(), peak, Slope.of(heap), Slope.of(threads), counters.errors());
    }
  }

  static String line(double minutes, long clientsPeak, double heapSlope, double threadsSlope, long errors) {
    return "soak: minutes=" + Figure.of(minutes, minutes == Math.rint(minutes) ? 0 : 2) + " clients_peak=" + clientsPeak
        + " heap_slope_kib_per_min=" + Figure.of(heapSlope, 1) + " threads_slope_per_min=" + Figure.of(threadsSlope, 2)
        + " errors=" + errors;
  }

  /** Replaces the second's share of viewers with new ones and lets some say something; returns how many left. */
  private int churnAndChat(Crowd crowd, List<RoomsLoad.Room> rooms, List<RoomProbe> probes,
      List<List<Viewer>> viewers, Counters counters) {
    int total = rooms.size() * scenario.viewersPerRoom();
    int leaving = (int) Math.round(total * scenario.churnPerSecond());
    int gone = 0;
    for (int i = 0; i < leaving; i++) {
      int r = random.nextInt(rooms.size());
      List<Viewer> here = viewers.get(r);
      int k = random.nextInt(here.size());
      Viewer old = here.get(k);
      if (!old.joined()) continue; // still arriving: let it
      crowd.leave(old);
      gone++;
      Viewer fresh = new Viewer(probes.get(r), counters, "viewer " + random.nextInt(1_000_000), null, 0);
      here.set(k, fresh);
      crowd.connect(fresh, path(rooms.get(r)));
    }
    double chatsPerSecond = total / scenario.chatEverySeconds();
    int chats = (int) chatsPerSecond + (random.nextDouble() < chatsPerSecond % 1 ? 1 : 0);
    for (int i = 0; i < chats; i++) {
      List<Viewer> here = viewers.get(random.nextInt(rooms.size()));
      Viewer v = here.get(random.nextInt(here.size()));
      byte[] line = CODEC.encode(new ClientMessage.Chat("line " + random.nextInt(1_000_000), null))
          .getBytes(StandardCharsets.UTF_8);
      Crowd.on(v, () -> {
        if (v.joined()) v.send(line);
      });
    }
    return gone;
  }

  private static String path(RoomsLoad.Room room) {
    return "/ws/rooms/" + room.id();
  }

  private List<RoomsLoad.Room> createRooms(CowatchServerProcess server) throws IOException, InterruptedException {
    List<RoomsLoad.Room> rooms = new ArrayList<>();
    CowatchApi host = null;
    for (int i = 0; i < scenario.rooms(); i++) {
      if (i % CapacityBench.ROOMS_PER_HOST == 0) host = CowatchApi.guest(server.base(), "Host " + i);
      rooms.add(new RoomsLoad.Room(host.createRoom("soak " + i, MAX_MEMBERS), host.token()));
    }
    return rooms;
  }

  /** The server's OS threads (virtual threads are not among them: their carriers are). */
  static int threads(long pid) throws IOException {
    return parseThreads(Files.readString(Path.of("/proc/" + pid + "/status")));
  }

  static int parseThreads(String status) throws IOException {
    for (String line : status.split("\n")) {
      if (line.startsWith("Threads:")) return Integer.parseInt(line.substring("Threads:".length()).strip());
    }
    throw new IOException("no Threads line in /proc/<pid>/status");
  }
}
