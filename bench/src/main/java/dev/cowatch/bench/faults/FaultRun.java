package dev.cowatch.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.bench.faults.FaultSchedule.Fault;
import dev.cowatch.bench.faults.History.End;
import dev.cowatch.bench.faults.History.Answered;
import dev.cowatch.bench.faults.History.Event;
import dev.cowatch.bench.faults.History.FaultEnded;
import dev.cowatch.bench.faults.History.FaultStarted;
import dev.cowatch.bench.faults.History.Outcome;
import dev.cowatch.bench.faults.History.RoomAtEnd;
import dev.cowatch.bench.faults.History.Sent;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A fault run, as Jepsen runs one: the reference highly available deployment (three nodes behind nginx, Redis with a
 * replica and sentinels, PostgreSQL with a synchronous standby), people using it ({@link Workload}), a seeded schedule
 * of faults ({@link FaultSchedule}) and, once every fault is healed and the deployment has settled, the state read back
 * and the whole history judged ({@link HistoryChecker}). Needs root (network namespaces, an interface, PostgreSQL's
 * user) and Debian's redis-server, postgresql, nginx and faketime.
 */
public final class FaultRun {
  /** What a run does. {@code mutant}: the nodes run without fencing, to show the checker catches it. */
  public record Options(long seed, int rounds, List<String> kinds, int rooms, int viewersPerRoom, boolean mutant) {}

  /** How long the deployment may take to be whole again after a fault is healed before the run says so. */
  static final Duration SETTLE_WITHIN = Duration.ofSeconds(60);

  private final Options options;
  private final Path dir;
  private final Recorder recorder = new Recorder();
  private HaDeployment deployment;
  private List<FaultNode> nodes = List.of();
  private HaStores stores;
  private long lastRedisFailoverNanos;

  private FaultRun(Options options, Path dir) {
    this.options = options;
    this.dir = dir;
  }

  /** Runs it in {@code dir} and judges it; everything it started is stopped again. */
  public static HistoryChecker.Verdict run(Options options, Path dir) throws Exception {
    FaultRun run = new FaultRun(options, dir);
    try {
      return run.go();
    } finally {
      run.stop();
    }
  }

  private HistoryChecker.Verdict go() throws Exception {
    Files.createDirectories(dir);
    deployment = HaDeployment.start(dir, options.mutant());
    nodes = deployment.nodes();
    stores = deployment.stores();
    URI entry = deployment.entry();
    HttpOps http = new HttpOps(entry, recorder);
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    List<Workload.Room> rooms = new ArrayList<>();
    List<RecordingClient> clients = new ArrayList<>();
    Workload people = new Workload(http);
    try {
      for (int r = 0; r < options.rooms(); r++) {
        List<Person> viewers = new ArrayList<>();
        for (int v = 0; v < options.viewersPerRoom(); v++) viewers.add(http.person("Viewer " + r + "." + v));
        List<String> users = viewers.stream().map(Person::userId).toList();
        String id = http.room(viewers.getFirst().token(), "Fault room " + r);
        List<RecordingClient> inRoom = new ArrayList<>();
        for (int v = 0; v < viewers.size(); v++) {
          RecordingClient c = new RecordingClient("r" + r + "v" + v, entry, id, viewers.get(v)::token, recorder, timer);
          c.connect();
          inRoom.add(c);
        }
        clients.addAll(inRoom);
        rooms.add(new Workload.Room(id, viewers.getFirst(), users, inRoom));
      }
      awaitSettled(clients);
      people.start(rooms, options.seed());
      List<Fault> schedule = FaultSchedule.of(options.seed(), options.kinds(), options.rounds(), HaDeployment.NODES);
      int done = 0;
      for (Fault f : schedule) {
        strike(f);
        awaitSettled(clients);
        Thread.sleep(1_000);
        if (++done % 10 == 0) System.err.println("faults: " + done + " of " + schedule.size());
      }
      awaitSettled(clients);
      people.stop();
      // Everything the last operations caused reaches everyone.
      Thread.sleep(3_000);
      End end = end(http, entry, rooms, clients);
      long kills = schedule.stream().filter(f -> f.kind().equals("redis-primary-kill")).count();
      int failovers = stores.redisFailovers();
      System.err.println("faults: redis failovers=" + failovers + " for " + kills + " kills of the primary"
          + (failovers > kills ? " (the sentinels failed a live primary over: two primaries at once)" : ""));
      keepHistory();
      Files.write(dir.resolve("http-refusals.txt"), http.refusals());
      return HistoryChecker.check(recorder.events(), end);
    } finally {
      // Also when the run stops early (not settled): the people are threads of their own, and would keep the run's
      // process alive after it said why it stopped (seen: an hour later).
      people.stop();
      for (RecordingClient c : clients) c.close();
      timer.shutdownNow();
    }
  }

  /** One fault, from its start until it is healed. */
  private void strike(Fault f) throws Exception {
    FaultNode node = nodes.get(f.node());
    String target = switch (f.kind()) {
      case "redis-primary-kill" -> "redis:" + stores.redisPrimaryPort();
      case "pg-primary-kill" -> "postgresql";
      default -> node.name();
    };
    if (f.kind().equals("redis-primary-kill")) awaitRedisReady();
    recorder.add(new FaultStarted(recorder.nowMs(), f.kind(), target));
    switch (f.kind()) {
      case "node-kill" -> {
        node.kill();
        Thread.sleep(f.lastsMs());
        node.restart();
      }
      case "node-pause" -> {
        node.pause();
        Thread.sleep(f.lastsMs());
        node.resume();
      }
      case "redis-primary-kill" -> {
        int killed = stores.redisPrimaryPort();
        stores.killRedisPrimary();
        awaitUntil(() -> stores.redisPrimaryPort() != killed, Duration.ofSeconds(20), "the sentinels promote");
        lastRedisFailoverNanos = System.nanoTime();
        stores.restartRedis();
      }
      case "pg-primary-kill" -> {
        stores.killPgPrimary();
        // The operator's failover tool notices and promotes (Patroni, repmgr: about a second).
        Thread.sleep(f.lastsMs());
        stores.promotePgStandby();
      }
      case "redis-cut" -> {
        node.cut(stores.redisHost());
        Thread.sleep(f.lastsMs());
        node.heal(stores.redisHost());
      }
      case "pg-cut" -> {
        node.cut(stores.pgHost());
        Thread.sleep(f.lastsMs());
        node.heal(stores.pgHost());
      }
      case "clock-step" -> {
        node.stepClock(f.clockStepS());
        Thread.sleep(f.lastsMs());
        node.stepClock(0);
      }
      default -> throw new IllegalArgumentException(f.kind());
    }
    recorder.add(new FaultEnded(recorder.nowMs(), f.kind(), target));
    // A new standby for the next failover: after the fault's end, as an operator rebuilds it later.
    if (f.kind().equals("pg-primary-kill")) stores.rebuildPgStandby();
  }

  /** A Redis primary killed now would be replaced: the sentinels know a replica in sync, and may fail over again. */
  private void awaitRedisReady() throws Exception {
    long again = lastRedisFailoverNanos + Duration.ofSeconds(11).toNanos();
    long wait = (again - System.nanoTime()) / 1_000_000;
    if (lastRedisFailoverNanos != 0 && wait > 0) Thread.sleep(wait);
    awaitUntil(stores::redisReady, SETTLE_WITHIN, "the sentinels know a replica in sync");
  }

  /**
   * Every node answers and every client is in its room again. When the deployment does not settle, what it was doing
   * is kept for whoever must find out why: the history so far and every node's threads, in the run's folder.
   */
  private void awaitSettled(List<RecordingClient> clients) throws Exception {
    try {
      awaitUntil(() -> nodes.stream().allMatch(FaultNode::healthy) && clients.stream().allMatch(RecordingClient::joined),
          SETTLE_WITHIN, "every node answers and every client is back in its room");
    } catch (IOException unsettled) {
      keepHistory();
      StringBuilder who = new StringBuilder();
      for (FaultNode n : nodes) {
        n.threads(dir.resolve(n.name() + "-threads.txt"));
        if (!n.healthy()) who.append(' ').append(n.name());
      }
      for (RecordingClient c : clients) if (!c.joined()) who.append(' ').append(c.name());
      throw new IOException(unsettled.getMessage() + "; not there:" + who + "; threads and history in " + dir,
          unsettled);
    }
  }

  /** The history itself, in the run's folder, for whoever must find out what a finding was. */
  private void keepHistory() throws IOException {
    Files.write(dir.resolve("history.txt"), recorder.events().stream().map(Object::toString).toList());
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void awaitUntil(Check check, Duration within, String what) throws Exception {
    long until = System.nanoTime() + within.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > until) throw new IOException("faults: not within " + within.toSeconds() + " s: " + what);
      Thread.sleep(100);
    }
  }

  /** The deployment as it is once the run settled: rooms, chat lines, registers and accounts. */
  private End end(HttpOps http, URI entry, List<Workload.Room> rooms, List<RecordingClient> clients) throws Exception {
    Map<String, RoomAtEnd> atEnd = new HashMap<>();
    Map<String, String> registers = new HashMap<>();
    Set<String> found = new HashSet<>();
    for (Workload.Room room : rooms) {
      JsonNode read = http.readRoom(room.owner().token(), room.id());
      if (read == null) throw new IOException("room " + room.id() + " could not be read at the end");
      JsonNode t = read.path("timeline");
      atEnd.put(room.id(), new RoomAtEnd(t.path("version").asLong(), Timelines.canonical(t)));
      registers.put("name:" + room.id(), read.path("name").asText());
      JsonNode members = http.members(room.owner().token(), room.id());
      if (members == null) throw new IOException("room " + room.id() + "'s members could not be read at the end");
      for (JsonNode m : members.path("members")) {
        registers.put("role:" + room.id() + ":" + m.path("userId").asText(), m.path("role").asText());
      }
      found.addAll(ChatLines.of(entry, room.id(), room.owner().token(), Duration.ofSeconds(30)));
    }
    List<Event> events = recorder.events();
    found.addAll(RegisterWrites.survivors(events, registers));
    // Only the sign-ups that were acknowledged: one that was not may not exist, and signing in to accounts that do
    // not exist counts against the address (20 failures in 15 minutes), after which every sign-in is refused for
    // minutes; a run of an hour had 60 such and stood still reading the rest.
    Set<Long> acknowledged = new HashSet<>();
    for (Event e : events) if (e instanceof Answered a && a.outcome() == Outcome.ACKED) acknowledged.add(a.op());
    for (Event e : events) {
      if (e instanceof Sent s && s.durableKey() != null && s.durableKey().startsWith("account:")
          && acknowledged.contains(s.op())) {
        Boolean in = null;
        for (int attempt = 0; in == null && attempt < 10; attempt++) {
          in = http.signsIn(s.durableKey().substring("account:".length()));
          if (in == null) Thread.sleep(1_000);
        }
        if (Boolean.TRUE.equals(in)) found.add(s.durableKey());
      }
    }
    Map<String, String> connected = new HashMap<>();
    for (RecordingClient c : clients) if (c.joined()) connected.put(c.name(), c.room());
    return new End(atEnd, found, connected);
  }

  private void stop() {
    if (deployment != null) deployment.close();
  }
}
