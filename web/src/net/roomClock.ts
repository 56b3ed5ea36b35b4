/**
 * This client's estimate of the room's clock, kept on the wire: pings when ClockSync says (a burst on
 * each connection, then its steady period, which doubles as the heartbeat), each pong fed to it, and
 * the last time the server was heard from. While the room plays on its peers a correction towards the
 * acting authority's clock is added. The twin of client-java's ClockPinger (with the façade's correction).
 */
import { ClockSync, clockSample } from '../engine/clock';
import type { Tolerances } from '../engine/tolerances';
import type { ClientMessage, ServerMessage } from '../protocol';

/** What the clock needs of the link: a way out, and whether it is connected. */
export interface ClockLink {
  send(message: ClientMessage): void;
  readonly connected: boolean;
}

export class RoomClock {
  private readonly sync: ClockSync;
  private pingTimer: ReturnType<typeof setTimeout> | undefined;
  private lastPongMs = 0;
  /** The longest gap between pings (the peers' fallback needs a quicker heartbeat to notice a silent server). */
  private pingCeilingMs = Infinity;
  /** Added to the server clock estimate while the peers keep the acting authority's clock. */
  private correctionMs = 0;

  /** `now`: the local clock, epoch ms with sub-ms precision. */
  constructor(tolerances: Tolerances, readonly now: () => number, private readonly link: ClockLink) {
    this.sync = new ClockSync(tolerances);
  }

  /** A new connection said hello: ping now and then in a quick burst. */
  start(): void {
    this.sync.connected();
    this.ping();
  }

  /** The connection is gone, refused or left: the pending ping goes; the next connection starts again. */
  stop(): void {
    clearTimeout(this.pingTimer);
  }

  pong(message: Extract<ServerMessage, { type: 'pong' }>, receivedAt: number): void {
    this.sync.pong(clockSample(message.t0, message.t1, message.t2, receivedAt));
    this.lastPongMs = receivedAt;
  }

  /** The server answered otherwise (a join): the silence counts from here. */
  heard(receivedAt: number): void {
    this.lastPongMs = Math.max(this.lastPongMs, receivedAt);
  }

  /** Local time of the last pong (0: none yet on any connection). */
  get lastPongAtMs(): number {
    return this.lastPongMs;
  }

  /** How long the server has not answered (since the epoch when it never has). */
  silentForMs(): number {
    return this.now() - this.lastPongMs;
  }

  /** Add to the local clock for server time (with the acting authority's correction while on the peers). */
  get offsetMs(): number {
    return this.sync.offsetMs + this.correctionMs;
  }

  /** The offset without the peers' correction: what a peer's clock sample compares. */
  get ownOffsetMs(): number {
    return this.sync.offsetMs;
  }

  get rttMs(): number {
    return this.sync.rttMs;
  }

  get uncertaintyMs(): number {
    return this.sync.uncertaintyMs;
  }

  get synced(): boolean {
    return this.sync.synced;
  }

  /** While the server is lost: follow the acting authority's clock (0 to follow one's own estimate again). */
  setCorrection(ms: number): void {
    this.correctionMs = Number.isFinite(ms) ? ms : 0;
  }

  /** Ping at least this often (Infinity: the usual schedule); the next ping comes within it. */
  setPingCeiling(ms: number): void {
    // A lower ceiling pings at once: the ping already scheduled may be a settled clock's 10 s away, and
    // the peers count 4 s without a pong as the server lost.
    const sooner = ms < this.pingCeilingMs && this.pingTimer !== undefined && this.link.connected;
    this.pingCeilingMs = ms;
    if (sooner) {
      clearTimeout(this.pingTimer);
      this.ping();
    }
  }

  private ping(): void {
    this.link.send({ type: 'ping', t0: Math.round(this.now()) });
    this.pingTimer = setTimeout(() => this.ping(), Math.min(this.pingCeilingMs, this.sync.nextPingDelayMs()));
  }
}
