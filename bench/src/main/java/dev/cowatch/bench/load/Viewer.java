package dev.cowatch.bench.load;

import dev.cowatch.client.HealthReports;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.JsonCodec;
import java.nio.charset.StandardCharsets;

/**
 * One simulated Cowatch viewer on a {@link WsLoop}: says hello, keeps the reference client's
 * clock-sync and heartbeat traffic going (a burst of 9 pings 60 ms apart, then a ping every
 * second) and, once joined, a sync-health report when its clock is synced and then every
 * {@link HealthReports#PERIOD_MS}, as the web app does. Timelines it
 * receives go to its room's {@link RoomProbe}. Runs on its loop's thread only.
 */
final class Viewer implements WsConn.Handler {
  static final int BURST = 9;
  static final long BURST_SPACING_MS = 60;
  static final long PERIOD_MS = 1_000;

  private static final JsonCodec CODEC = new JsonCodec();
  private static final byte[] PONG = ServerJson.type("pong");
  private static final byte[] JOINED = ServerJson.type("joined");
  private static final byte[] TIMELINE = ServerJson.type("timeline");
  private static final byte[] ERROR = ServerJson.type("error");
  private static final byte[] T0 = ServerJson.field("t0");
  private static final byte[] VERSION = ServerJson.field("version");

  private final RoomProbe probe;
  private final Counters counters;
  private final byte[] hello;
  private WsConn conn;
  private WsLoop loop;
  private int burstLeft = BURST;
  private boolean joined;
  private boolean leaving;
  private long rttMs = 1;
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
    c.sendText(hello);
    ping();
  }

  private void ping() {
    if (!conn.isOpen()) return;
    conn.sendText(Messages.ping(System.currentTimeMillis()));
    long next = burstLeft-- > 1 ? BURST_SPACING_MS : PERIOD_MS;
    conn.loop.at(System.nanoTime() + next * 1_000_000, this::ping);
  }

  private void report() {
    if (!conn.isOpen()) return;
    conn.sendText(Messages.report(driftMs, rttMs));
    conn.loop.at(System.nanoTime() + HealthReports.PERIOD_MS * 1_000_000, this::report);
  }

  @Override
  public void text(WsConn c, byte[] buf, int off, int len, long receivedNanos) {
    if (ServerJson.isType(buf, off, len, PONG)) {
      long t0 = ServerJson.longField(buf, off, len, T0, -1);
      if (t0 > 0) rttMs = Math.max(0, System.currentTimeMillis() - t0);
    } else if (ServerJson.isType(buf, off, len, TIMELINE)) {
      probe.received(this, ServerJson.longField(buf, off, len, VERSION, -1), receivedNanos);
    } else if (ServerJson.isType(buf, off, len, JOINED)) {
      joined = true;
      counters.joined.increment();
      probe.joined(this, ServerJson.longField(buf, off, len, VERSION, -1));
      // The first report once the clock burst is over, as the web app's; half a ping period off the
      // pings, so the two do not arrive together.
      c.loop.at(System.nanoTime() + (BURST * BURST_SPACING_MS + PERIOD_MS / 2) * 1_000_000, this::report);
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
    if (joined) {
      counters.lostAfterJoining("lost: " + why);
      // Counted once: the room's later intents do not wait for it (each would count again).
      probe.left(this);
    } else {
      counters.error("not joined: " + why);
    }
  }
}
