package dev.cowatch.bench.load;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.sync.ClockSample;
import dev.cowatch.core.sync.ClockSync;
import dev.cowatch.core.sync.HealthReporting;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.JsonCodec;
import java.nio.charset.StandardCharsets;

/**
 * One simulated Cowatch viewer on a {@link WsLoop}: says hello, keeps the reference client's
 * clock-sync and heartbeat traffic going by core's own {@link ClockSync} (a burst of pings 60 ms
 * apart, then four a second until the estimate has settled, then one every 10 s) and, once joined,
 * sync-health reports as core's {@link HealthReporting} says (at once, then on a change, at least
 * once a minute; asked at each pong, which comes often enough), as the web app does. Timelines it
 * receives go to its room's {@link RoomProbe}. Runs on its loop's thread only.
 */
final class Viewer implements WsConn.Handler {

  private static final JsonCodec CODEC = new JsonCodec();
  private static final String TRY_AGAIN = "closed by the server: " + dev.cowatch.protocol.CloseCodes.TRY_AGAIN_LATER + " ";
  /** Refused joins tried again before the viewer counts as an error: the backoff then waits 5 s a try. */
  static final int MAX_REFUSED_JOINS = 8;
  private static final byte[] PONG = ServerJson.type("pong");
  private static final byte[] JOINED = ServerJson.type("joined");
  private static final byte[] TIMELINE = ServerJson.type("timeline");
  private static final byte[] ERROR = ServerJson.type("error");
  private static final byte[] T0 = ServerJson.field("t0");
  private static final byte[] T1 = ServerJson.field("t1");
  private static final byte[] T2 = ServerJson.field("t2");
  private static final byte[] VERSION = ServerJson.field("version");

  private final RoomProbe probe;
  private final Counters counters;
  private final byte[] hello;
  private WsConn conn;
  private WsLoop loop;
  private final ClockSync clock = new ClockSync(Tolerances.DEFAULTS);
  private final HealthReporting reporting = new HealthReporting();
  private boolean joined;
  /** Opens this viewer's connection again (set by the crowd); a join refused with 1013 is tried again, as clients do. */
  private Runnable redial;
  private int refusedJoins;
  private boolean leaving;
  private double rttMs = 1;
  /** A small, steady drift each viewer reports, as a player in sync would. */
  private final double driftMs;

  Viewer(RoomProbe probe, Counters counters, String name, String token, double driftMs) {
    this.probe = probe;
    this.counters = counters;
    this.hello = CODEC.encode(new ClientMessage.Hello(JsonCodec.PROTOCOL_VERSION, name, null, token))
        .getBytes(StandardCharsets.UTF_8);
    this.driftMs = driftMs;
  }

  void attach(WsConn c) {
    this.conn = c;
  }

  /** How to open this viewer's connection again, on its loop. */
  void redial(Runnable dial) {
    this.redial = dial;
  }

  /** Set before the connection is opened, so others can reach this viewer's thread. */
  void loop(WsLoop l) {
    this.loop = l;
  }

  WsLoop loop() {
    return loop;
  }

  /** Sends an intent (already encoded); on the loop's thread. */
  void send(byte[] json) {
    if (conn != null && conn.isOpen()) conn.sendText(json);
  }

  void leave() {
    leaving = true;
    if (joined) probe.left(this);
    if (conn != null) conn.close();
  }

  /** Whether the server has welcomed this viewer into its room. */
  boolean joined() {
    return joined;
  }

  @Override
  public void opened(WsConn c) {
    conn = c;
    c.sendText(hello);
    clock.connected();
    ping(c);
  }

  /**
   * One chain of pings per connection, as the web app's timer is cleared when its socket closes: a chain that
   * outlived its connection would go on over the next one, and after a few refused joins retried 100-400 ms later
   * (with pings four a second) several chains pinged at once, until the server closed the connection for flooding.
   */
  private void ping(WsConn c) {
    if (c != conn || !c.isOpen()) return;
    c.sendText(Messages.ping(System.currentTimeMillis()));
    c.loop.at(System.nanoTime() + clock.nextPingDelayMs() * 1_000_000, () -> ping(c));
  }

  private void reportIfDue() {
    if (reporting.due(joined && clock.synced(), System.currentTimeMillis(), driftMs, rttMs)) {
      conn.sendText(Messages.report(driftMs, rttMs));
    }
  }

  @Override
  public void text(WsConn c, byte[] buf, int off, int len, long receivedNanos) {
    if (ServerJson.isType(buf, off, len, PONG)) {
      long now = System.currentTimeMillis();
      long t0 = ServerJson.longField(buf, off, len, T0, -1);
      long t1 = ServerJson.longField(buf, off, len, T1, -1);
      long t2 = ServerJson.longField(buf, off, len, T2, -1);
      if (t0 > 0 && t1 > 0 && t2 > 0) {
        clock.pong(ClockSample.of(t0, t1, t2, now));
        rttMs = Math.max(0, clock.rttMs());
      }
      reportIfDue();
    } else if (ServerJson.isType(buf, off, len, TIMELINE)) {
      probe.received(this, ServerJson.longField(buf, off, len, VERSION, -1), receivedNanos);
    } else if (ServerJson.isType(buf, off, len, JOINED)) {
      joined = true;
      counters.joined.increment();
      probe.joined(this, ServerJson.longField(buf, off, len, VERSION, -1));
    } else if (ServerJson.isType(buf, off, len, ERROR) && isConflict(buf, off, len)) {
      counters.conflicts.increment();
      probe.refusedAsStale();
    } else if (ServerJson.isType(buf, off, len, ERROR)) {
      counters.error("error message: " + new String(buf, off, Math.min(len, 200), StandardCharsets.UTF_8));
    }
  }

  private static boolean isConflict(byte[] buf, int off, int len) {
    return new String(buf, off, len, StandardCharsets.UTF_8).contains("\"code\":\"conflict\"");
  }

  @Override
  public void closed(WsConn c, String why) {
    if (leaving) return;
    // "Try again later" (a cluster node waited too long for the room): the web app and client-java
    // reconnect after their backoff, and so does this viewer, a few times.
    if (!joined && redial != null && why.startsWith(TRY_AGAIN) && refusedJoins < MAX_REFUSED_JOINS) {
      counters.retriedJoins.increment();
      long delayMs = dev.cowatch.client.ReconnectPolicy.delayMs(refusedJoins++);
      c.loop.at(System.nanoTime() + delayMs * 1_000_000, redial);
      return;
    }
    if (joined) {
      counters.lostAfterJoining("lost: " + why);
      // Counted once: the room's later intents do not wait for it (each would count again).
      probe.left(this);
    } else {
      counters.gaveUp("not joined: " + why);
    }
  }
}
