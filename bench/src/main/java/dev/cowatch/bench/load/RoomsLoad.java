package dev.cowatch.bench.load;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The capacity run's crowd, or one load generator's share of it: the viewers of some rooms, each room's
 * host first, spread over the nodes (a room's members on different nodes, as a load balancer leaves
 * them); then, while held, the first {@code active} rooms' hosts send one intent a second each, timed
 * by their rooms' probes. On one thread at a time (the run's), besides the crowd's loops.
 */
public final class RoomsLoad implements AutoCloseable {
  /** Connections opened but not yet joined; more wait (a real crowd arrives over seconds, not at once). */
  static final int MAX_JOINING = 500;
  /** Bound on connecting everyone. */
  static final long CONNECT_BOUND_MS = 300_000;
  /** The first seconds of the hold (at most half of it) warm the server up: their fan-out is not counted. */
  static final long WARMUP_SECONDS = 5;

  /** A room to fill: its id and its host's access token (the host may control it). */
  public record Room(String id, String ownerToken) {}

  private final List<Room> rooms;
  private final int perRoom;
  private final List<InetSocketAddress> nodes;
  private final Counters counters;
  private final Crowd crowd;
  private final List<RoomProbe> probes = new ArrayList<>();
  private final List<Viewer> hosts = new ArrayList<>();

  RoomsLoad(List<Room> rooms, int perRoom, List<InetSocketAddress> nodes, int loops, int sourceOffset, Counters counters) {
    this.rooms = rooms;
    this.perRoom = perRoom;
    this.nodes = nodes;
    this.counters = counters;
    this.crowd = new Crowd(loops, nodes.getFirst(), sourceOffset);
  }

  /**
   * Connects every room's viewers, at most {@link #MAX_JOINING} joining at once; waits until each joined or gave up,
   * for at most {@link #CONNECT_BOUND_MS}. Those still joining then are errors.
   */
  void connectAll() throws InterruptedException {
    long t0 = System.currentTimeMillis();
    int opened = 0;
    for (int r = 0; r < rooms.size(); r++) {
      Room room = rooms.get(r);
      RoomProbe probe = new RoomProbe(counters);
      probes.add(probe);
      for (int i = 0; i < perRoom; i++) {
        while (opened - counters.settled() > MAX_JOINING) Thread.sleep(5);
        Viewer v = new Viewer(probe, counters, i == 0 ? "host" : "viewer " + i, i == 0 ? room.ownerToken() : null,
            (opened % 7) - 3);
        if (i == 0) hosts.add(v);
        crowd.connect(v, nodes.get((r + i) % nodes.size()), "/ws/rooms/" + room.id());
        opened++;
      }
      if (System.currentTimeMillis() - t0 > CONNECT_BOUND_MS) break;
    }
    while (counters.settled() < expected() && System.currentTimeMillis() - t0 < CONNECT_BOUND_MS) {
      Thread.sleep(50);
    }
    counters.notJoinedWithin(expected() - counters.settled(), CONNECT_BOUND_MS);
  }

  int expected() {
    return rooms.size() * perRoom;
  }

  /** The first {@code active} rooms' hosts send one intent a second each, spread over the second, for {@code seconds}. */
  void hold(int active, long seconds) throws InterruptedException {
    active = Math.min(active, probes.size());
    long start = System.nanoTime();
    long warmupEnd = start + Math.min(WARMUP_SECONDS, seconds / 2) * 1_000_000_000L;
    try (ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor()) {
      for (int r = 0; r < active; r++) {
        RoomProbe probe = probes.get(r);
        Viewer host = hosts.get(r);
        long offsetMs = 1_000L * r / active;
        ticks.scheduleAtFixedRate(() -> {
          long i = probe.nextStep();
          Crowd.on(host, () -> {
            long now = System.nanoTime();
            host.send(Intents.nth(i + 2, probe.start(host, now, now > warmupEnd)));
          });
        }, offsetMs, 1_000, TimeUnit.MILLISECONDS);
      }
      Thread.sleep(seconds * 1_000);
      ticks.shutdownNow();
    }
    Thread.sleep(1_000);
    for (int r = 0; r < active; r++) probes.get(r).expire();
  }

  /** Fan-out latencies of the first {@code active} rooms' intents (warm-up left out). */
  List<Double> latenciesMs(int active) {
    List<Double> all = new ArrayList<>();
    for (int r = 0; r < active && r < probes.size(); r++) all.addAll(probes.get(r).latenciesMs());
    return all;
  }

  /** Intents of the first {@code active} rooms that not everyone saw. */
  long timedOut(int active) {
    long n = 0;
    for (int r = 0; r < active && r < probes.size(); r++) n += probes.get(r).timedOut();
    return n;
  }

  void leaveAll() throws InterruptedException {
    crowd.leaveAll();
  }

  @Override
  public void close() {
    crowd.close();
  }
}
