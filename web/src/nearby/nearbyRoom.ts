/**
 * A room of two devices joined by hand (nearbyLink.ts), with no server: the same player engine as a
 * server room (it is the engine's SyncClient), chat, and the file sharing of a server room (it is the
 * share panel's ShareRoom: signals for a file's own connection go over this link). The starting device's
 * clock is the room's; the joining one measures its offset to it with the pings a room's client sends a
 * server. Each device decides its own person's intents (nearbyTimeline.ts) and tells the other.
 */
import { ClockSync, clockSample } from '../engine/clock';
import type { SyncClient } from '../engine/playerSync';
import { positionAt, type Timeline } from '../engine/timeline';
import { TOLERANCES } from '../engine/tolerances';
import type { SignalIn, SignalOut } from '../protocol';
import type { PeerChatLine } from '../p2p/syncFrames';
import { characters, MAX_CHAT_CHARS, MAX_FRAMES_PER_SECOND } from '../p2p/syncFrames';
import { newSessionId } from '../p2p/signals';
import { decodeNearby, encodeNearby, type NearbyFrame } from './nearbyFrames';
import { decideNearby, FIRST_TIMELINE, replaces, type NearbyIntent } from './nearbyTimeline';

/** What the page shows and the share panel asks. */
export interface NearbyEvents {
  timeline: Timeline;
  chat: PeerChatLine;
  signal: SignalIn;
  /** Something the person asked for was refused (e.g. play with no film chosen). */
  refused: string;
  peer: void;
}

/** The link's side of the room: what it sends and where it says what arrived. */
export interface NearbyChannel {
  send(text: string): void;
  onMessage(handler: (text: string) => void): void;
}

const CHAT_LINES_KEPT = 200;

export class NearbyRoom implements SyncClient {
  readonly deviceId = newSessionId();
  timeline: Timeline = FIRST_TIMELINE;
  private by = '';
  private readonly clock = new ClockSync(TOLERANCES);
  private pingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly handlers = new Map<keyof NearbyEvents, Set<(v: never) => void>>();
  private frames = 0;
  private second = 0;
  /** The other device, once it said hello. */
  peer: { deviceId: string; name: string; driftMs?: number } | undefined;
  readonly lines: PeerChatLine[] = [];
  /** This device's last measured distance from the timeline (its own health report). */
  driftMs: number | undefined;
  readonly state = 'connected';
  readonly following = true;

  /**
   * @param starter whether this device made the offer: its clock is the room's
   * @param now this page's clock (epoch ms, monotonic while the page lives)
   */
  constructor(private readonly channel: NearbyChannel, readonly starter: boolean, readonly name: string,
    private readonly now: () => number = () => performance.timeOrigin + performance.now()) {
    channel.onMessage((text) => this.receive(text));
    this.send({ t: 'hi', deviceId: this.deviceId, name });
    if (!starter) {
      this.clock.connected();
      this.ping();
    }
  }

  dispose(): void {
    clearTimeout(this.pingTimer);
  }

  on<K extends keyof NearbyEvents>(event: K, handler: (value: NearbyEvents[K]) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler as (v: never) => void);
    return () => set.delete(handler as (v: never) => void);
  }

  // ---- the clock: the starter's is the room's -------------------------------------------------

  get localNowMs(): number {
    return this.now();
  }

  get offsetMs(): number {
    return this.starter ? 0 : this.clock.offsetMs;
  }

  get rttMs(): number {
    return this.clock.rttMs;
  }

  get clockUncertaintyMs(): number {
    return this.starter ? 0 : this.clock.uncertaintyMs;
  }

  get clockSynced(): boolean {
    return this.starter || this.clock.synced;
  }

  serverNowMs(): number {
    return this.now() + this.offsetMs;
  }

  expectedPositionMs(): number {
    return positionAt(this.timeline, this.serverNowMs());
  }

  // ---- what the person does (the engine turns gestures into these) ------------------------------

  play(): void {
    this.decide({ type: 'play', version: this.timeline.version });
  }

  pause(positionMs?: number): void {
    this.decide({ type: 'pause', version: this.timeline.version, ...(positionMs === undefined ? {} : { positionMs: Math.round(positionMs) }) });
  }

  seek(positionMs: number): void {
    this.decide({ type: 'seek', version: this.timeline.version, positionMs: Math.round(positionMs) });
  }

  setRate(rate: number): void {
    this.decide({ type: 'setRate', version: this.timeline.version, rate });
  }

  setMedia(mediaId: string): void {
    this.decide({ type: 'setMedia', version: this.timeline.version, mediaId });
  }

  /** A room of two never waits for a stalled player (nobody would time the wait out): it catches up. */
  buffering(): void {}
  ready(): void {}
  needsClick(): void {}

  report(driftMs: number): void {
    this.driftMs = driftMs;
    this.send({ t: 'health', driftMs: Math.round(driftMs * 10) / 10 });
  }

  chat(text: string): boolean {
    const line = text.trim();
    if (!line || characters(line) > MAX_CHAT_CHARS) return false;
    const l: PeerChatLine = { lineId: newSessionId(), memberId: this.deviceId, name: this.name, text: line, atMs: Math.round(this.serverNowMs()) };
    this.keep(l);
    this.send({ t: 'chat', ...l });
    return true;
  }

  // ---- ShareRoom: the share panel's view of the room ---------------------------------------------

  get memberId(): string {
    return this.deviceId;
  }

  get members(): ReadonlyArray<{ id: string; name: string }> {
    return [{ id: this.deviceId, name: this.name }, ...(this.peer ? [{ id: this.peer.deviceId, name: this.peer.name }] : [])];
  }

  signal(m: Omit<SignalOut, 'type'>): boolean {
    const { session, purpose, kind, payload } = m;
    return this.send({ t: 'signal', signal: { session, purpose, kind, ...(payload === undefined ? {} : { payload }) } });
  }

  // ---- the link ------------------------------------------------------------------------------

  private decide(intent: NearbyIntent): void {
    const d = decideNearby(this.timeline, intent, this.serverNowMs(), this.rttMs, TOLERANCES);
    if (d.kind === 'refused') {
      this.emit('refused', d.code);
      return;
    }
    if (d.kind === 'unchanged') return;
    this.apply(d.timeline, this.deviceId);
    this.send({ t: 'timeline', timeline: d.timeline, base: 0, by: this.deviceId, cause: { memberId: this.deviceId, intent: intent.type } });
  }

  private apply(t: Timeline, by: string): void {
    this.timeline = t;
    this.by = by;
    this.emit('timeline', t);
  }

  private receive(text: string): void {
    const second = Math.floor(this.now() / 1000);
    if (second !== this.second) {
      this.second = second;
      this.frames = 0;
    }
    // A flood is dropped, not acted on (a two-person room has nobody to hang up on the other's behalf).
    if (++this.frames > MAX_FRAMES_PER_SECOND) return;
    const f = decodeNearby(text);
    if (!f) return;
    switch (f.t) {
      case 'ping': {
        const at = this.serverNowMs();
        this.send({ t: 'pong', t0: f.t0, t1: at, t2: at });
        break;
      }
      case 'pong':
        if (!this.starter) this.clock.pong(clockSample(f.t0, f.t1, f.t2, this.now()));
        break;
      case 'hi':
        this.peer = { deviceId: f.deviceId, name: f.name };
        // Whoever said hello later learns the room's timeline so far.
        if (this.timeline.version > 0) {
          this.send({ t: 'timeline', timeline: this.timeline, base: 0, by: this.by, cause: { memberId: this.by, intent: 'hello' } });
        }
        this.emit('peer', undefined);
        break;
      case 'health':
        if (this.peer) this.peer.driftMs = f.driftMs;
        this.emit('peer', undefined);
        break;
      case 'timeline':
        if (f.by !== '' && replaces({ timeline: f.timeline, by: f.by }, { timeline: this.timeline, by: this.by })) this.apply(f.timeline, f.by);
        break;
      case 'chat':
        if (this.peer && f.memberId === this.peer.deviceId) this.keep(f);
        break;
      case 'signal':
        if (this.peer) this.emit('signal', { type: 'signal', from: this.peer.deviceId, name: this.peer.name, ...f.signal });
        break;
    }
  }

  private keep(line: PeerChatLine): void {
    if (this.lines.some((l) => l.lineId === line.lineId)) return;
    this.lines.push(line);
    if (this.lines.length > CHAT_LINES_KEPT) this.lines.shift();
    this.emit('chat', line);
  }

  private ping(): void {
    this.send({ t: 'ping', t0: this.now() });
    this.pingTimer = setTimeout(() => this.ping(), this.clock.nextPingDelayMs());
  }

  private send(frame: NearbyFrame): boolean {
    try {
      this.channel.send(encodeNearby(frame));
      return true;
    } catch {
      return false; // the link is closing: the page says so
    }
  }

  private emit<K extends keyof NearbyEvents>(event: K, value: NearbyEvents[K]): void {
    for (const h of this.handlers.get(event) ?? []) (h as (v: NearbyEvents[K]) => void)(value);
  }
}
