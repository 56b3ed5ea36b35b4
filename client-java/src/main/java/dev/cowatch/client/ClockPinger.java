package dev.cowatch.client;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.sync.ClockSample;
import dev.cowatch.core.sync.ClockSync;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clock sync on the wire: sends pings when core's {@link ClockSync} says (a burst on each connection,
 * then the steady period, which doubles as the heartbeat) and feeds it each pong.
 *
 * <p>Threads: start, cancel and stop from the connection's callbacks and close(); pings run on the
 * scheduler, pongs on the transport's thread; readers on any thread. One lock guards ClockSync (not
 * thread-safe itself) and the pending ping; sends happen outside it.
 */
final class ClockPinger {
  private static final Logger log = LoggerFactory.getLogger(ClockPinger.class);

  private final ClientClock clock;
  private final Scheduler scheduler;
  private final Outbound out;
  private final Object lock = new Object();

  // Guarded by lock.
  private final ClockSync sync;
  private Scheduler.Cancellable pending;
  private boolean stopped;
  /** Local time of the last pong, or of the connection's start before its first. */
  private double heardAtMs = Double.NaN;
  /** Ping at least this often (while the peers need to know soon that the server went silent). */
  private long ceilingMs = Long.MAX_VALUE;

  ClockPinger(Tolerances tolerances, ClientClock clock, Scheduler scheduler, Outbound out) {
    this.sync = new ClockSync(tolerances);
    this.clock = clock;
    this.scheduler = scheduler;
    this.out = out;
  }

  /** A new connection has said hello: ping now and then in a quick burst. */
  void start() {
    synchronized (lock) {
      if (stopped) return;
      sync.connected();
      heardAtMs = clock.nowMs();
    }
    schedule(0);
  }

  /** The connection dropped: the pending ping goes; the next connection starts again. */
  void cancel() {
    synchronized (lock) {
      if (pending != null) pending.cancel();
    }
  }

  /** The client closed: no ping from now on. */
  void stop() {
    synchronized (lock) {
      stopped = true;
      if (pending != null) pending.cancel();
    }
  }

  void pong(ServerMessage.Pong pong, double receivedAtMs) {
    ClockSample sample = ClockSample.of(pong.t0(), pong.t1(), pong.t2(), receivedAtMs);
    double before;
    boolean shifted;
    synchronized (lock) {
      before = sync.offsetMs();
      shifted = sync.pong(sample);
      heardAtMs = receivedAtMs;
    }
    if (shifted) log.info("clock shift suspected: offset {} -> {} ms", before, sample.offsetMs());
  }

  /** How long since the server last answered a ping on this connection (0 before any connection). */
  double silentForMs() {
    synchronized (lock) {
      return Double.isNaN(heardAtMs) ? 0 : clock.nowMs() - heardAtMs;
    }
  }

  /** Pings at least every {@code ms} from the next one on ({@code Long.MAX_VALUE}: as clock sync wants). */
  void ceiling(long ms) {
    boolean sooner;
    synchronized (lock) {
      // A lower ceiling pings at once: the ping already scheduled may be a settled clock's 10 s away, and the
      // peers count 4 s without a pong as the server lost (PeerSync).
      sooner = ms < ceilingMs && pending != null && !stopped;
      ceilingMs = ms;
      if (sooner) pending.cancel();
    }
    if (sooner) schedule(0);
  }

  /** Add to the local clock to get server time. */
  double offsetMs() {
    synchronized (lock) {
      return sync.offsetMs();
    }
  }

  double rttMs() {
    synchronized (lock) {
      return sync.rttMs();
    }
  }

  double uncertaintyMs() {
    synchronized (lock) {
      return sync.uncertaintyMs();
    }
  }

  /** Enough clock samples for the estimate to be trusted (one burst's worth). */
  boolean synced() {
    synchronized (lock) {
      return sync.synced();
    }
  }

  private void schedule(long delayMs) {
    synchronized (lock) {
      if (stopped) return;
      pending = scheduler.schedule(this::ping, delayMs);
    }
  }

  private void ping() {
    long next;
    synchronized (lock) {
      next = Math.min(sync.nextPingDelayMs(), ceilingMs);
    }
    // No connection: stop here; the next connection's start() pings again.
    if (!out.send(new ClientMessage.Ping(Math.round(clock.nowMs())))) return;
    schedule(next);
  }
}
