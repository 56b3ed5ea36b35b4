/**
 * A receiver's connections to its fellow receivers of one shared file (the swarm, swarmPlan.ts): one WebRTC
 * link to each receiver the sharer named, made through the room's signaling (the lower member id offers),
 * over which each says which chunks it has (`got`), asks for chunks (`want`) and serves them (bundles, as
 * the sharer sends them). Only receivers the sharer named may connect; what arrives is handed to the
 * fetcher, which keeps a chunk only if it matches the sharer's hash.
 */
import type { SignalIn } from '../protocol';
import { encodeBundle, MAX_BUNDLE_CHUNKS, MAX_LISTED, parseControl, decodeChunks, type ChunkFrame, type Control } from './frames';
import { PeerLink, refuse, type SignalPort } from './peerLink';
import { newSessionId } from './signals';

/** The purpose of a link between two receivers of one file (the server lets only these two make it: PeerPairs). */
export const SWARM_PURPOSE = 'file-swarm';
/** Chunks asked of one fellow receiver and not yet here. */
export const PEER_WINDOW = 48;
/** Chunks a fellow may have waiting to be served here: an honest one keeps at most PEER_WINDOW in flight. */
const MAX_QUEUED = PEER_WINDOW * 2;
/**
 * A chunk asked of a fellow that has not come this long after is asked elsewhere, and that fellow no more: one that
 * stopped answering would otherwise hold its chunks in flight for as long as its link stays up.
 */
export const ASK_TIMEOUT_MS = 10_000;
/** Sending to a fellow receiver pauses above this much buffered. */
const HIGH_WATER = 2 * 1024 * 1024;
const LOW_WATER = 512 * 1024;
/** A link that failed is tried again after this long, while both are in the swarm. */
const RETRY_MS = 3_000;
/** New chunks are told to the others at most this often, together. */
const GOT_EVERY_MS = 100;

export interface SwarmHost {
  readonly shareId: string;
  readonly me: string;
  /** Chunks of the file: indices a fellow names beyond it are ignored. */
  readonly chunkCount: number;
  /** Chunk `i`'s bytes if this receiver has it checked (in memory or stored), else undefined. */
  read(i: number): Promise<Uint8Array | undefined>;
  /** Every chunk this receiver has now (told to a fellow receiver when their link opens). */
  present(): number[];
  /** Chunks from fellow receiver `peer` (not checked yet). */
  received(peer: string, chunks: ChunkFrame[]): void;
  /** Something changed what may be asked of whom (a `got`, a link opened or closed). */
  changed(): void;
}

interface Fellow {
  readonly id: string;
  link?: PeerLink | undefined;
  channel?: RTCDataChannel | undefined;
  readonly has: Set<number>;
  /** Chunks asked of it and not yet here, with when they were asked. */
  readonly inFlight: Map<number, number>;
  readonly queue: number[];
  pumping: boolean;
  /** It sent a chunk that did not match the sharer's hash, or what no Cowatch sends: never asked again. */
  bad: boolean;
  retryAt: number;
  /** Bytes sent to it (for the benchmarks). */
  sentBytes: number;
}

export class SwarmLinks {
  private readonly fellows = new Map<string, Fellow>();
  private gotQueue: number[] = [];
  private gotTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly retryTimer: ReturnType<typeof setInterval>;
  private closed = false;

  constructor(private readonly host: SwarmHost, private readonly port: SignalPort,
    private readonly iceServers: () => Promise<RTCIceServer[]>, private readonly now: () => number = () => performance.now()) {
    this.retryTimer = setInterval(() => this.connectMissing(), RETRY_MS);
  }

  /** The fellow receivers the sharer names now (this one left out). */
  update(peers: readonly string[]): void {
    if (this.closed) return;
    const named = new Set(peers.filter((p) => p !== this.host.me));
    for (const [id, f] of this.fellows) {
      if (!named.has(id)) {
        f.link?.close('left the swarm');
        this.fellows.delete(id);
      }
    }
    for (const id of named) if (!this.fellows.has(id)) this.fellows.set(id, fellow(id));
    this.connectMissing();
    this.host.changed();
  }

  /** Chunks asked of `peer` and not yet here. */
  inFlightOf(peer: string): number {
    return this.fellows.get(peer)?.inFlight.size ?? 0;
  }

  /** Whether this signal is one of this swarm's links. */
  owns(s: SignalIn): boolean {
    return s.purpose === SWARM_PURPOSE && s.session.startsWith(`${this.host.shareId}-w`) && this.fellows.has(s.from);
  }

  async handle(s: SignalIn): Promise<void> {
    const f = this.fellows.get(s.from);
    if (!f || this.closed) {
      if (s.kind === 'offer') refuse(this.port, s, 'not a receiver of this file');
      return;
    }
    if (s.kind === 'offer') {
      f.link?.close('replaced');
      const link = new PeerLink({
        port: this.port, peer: f.id, session: s.session, purpose: SWARM_PURPOSE, iceServers: await this.iceServers(),
        onChannel: (ch) => this.attach(f, ch, link), onEnd: () => this.gone(f, link),
      });
      f.link = link;
      await link.answer(s.payload ?? '{}');
      return;
    }
    await f.link?.handle(s);
  }

  /** Whether `peer` has chunk `i` and may be asked for it. */
  peerHas(peer: string, i: number): boolean {
    const f = this.fellows.get(peer);
    return !!f && !f.bad && f.channel?.readyState === 'open' && f.has.has(i) && f.inFlight.size < PEER_WINDOW;
  }

  isInFlight(i: number): boolean {
    for (const f of this.fellows.values()) if (f.inFlight.has(i)) return true;
    return false;
  }

  /** Asks `peer` for these chunks (the plan chose it for each). */
  ask(peer: string, chunks: number[]): void {
    const f = this.fellows.get(peer);
    if (!f || chunks.length === 0) return;
    const at = this.now();
    for (const i of chunks) f.inFlight.set(i, at);
    send(f, { t: 'want', chunks });
  }

  /** Asks that went unanswered for ASK_TIMEOUT_MS are dropped, and their fellow is not asked again. */
  expire(): void {
    const now = this.now();
    for (const f of this.fellows.values()) {
      for (const [i, at] of f.inFlight) {
        if (now - at < ASK_TIMEOUT_MS) continue;
        f.inFlight.delete(i);
        f.bad = true;
      }
    }
  }

  /** A chunk from `peer` was taken or refused: no longer in flight; a refused one marks the peer as bad. */
  settled(peer: string, i: number, ok: boolean): void {
    const f = this.fellows.get(peer);
    if (!f) return;
    f.inFlight.delete(i);
    if (!ok) f.bad = true;
  }

  /** This receiver has new chunks: told to the others, together. */
  got(i: number): void {
    this.gotQueue.push(i);
    this.gotTimer ??= setTimeout(() => {
      this.gotTimer = undefined;
      const chunks = this.gotQueue.splice(0);
      for (const f of this.fellows.values()) for (let k = 0; k < chunks.length; k += MAX_LISTED) send(f, { t: 'got', chunks: chunks.slice(k, k + MAX_LISTED) });
    }, GOT_EVERY_MS);
  }

  /** Bytes this receiver sent its fellows. */
  get sentBytes(): number {
    let n = 0;
    for (const f of this.fellows.values()) n += f.sentBytes;
    return n;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.retryTimer);
    clearTimeout(this.gotTimer);
    for (const f of this.fellows.values()) f.link?.close('the receiver stopped');
    this.fellows.clear();
  }

  private connectMissing(): void {
    for (const f of this.fellows.values()) {
      // The lower member id offers; the other answers (handle).
      if (f.link || this.host.me > f.id || this.now() < f.retryAt) continue;
      void this.connect(f);
    }
  }

  private async connect(f: Fellow): Promise<void> {
    const link = new PeerLink({
      port: this.port, peer: f.id, session: `${this.host.shareId}-w${newSessionId().slice(0, 8)}`, purpose: SWARM_PURPOSE,
      iceServers: await this.iceServers(), channels: [{ label: 'swarm', init: { ordered: true } }],
      onEnd: () => this.gone(f, link),
    });
    f.link = link;
    const [channel] = await link.offer();
    this.attach(f, channel!, link);
  }

  private attach(f: Fellow, channel: RTCDataChannel, link: PeerLink): void {
    if (f.link !== link) return;
    f.channel = channel;
    channel.binaryType = 'arraybuffer';
    channel.bufferedAmountLowThreshold = LOW_WATER;
    const open = () => {
      const have = this.host.present();
      for (let k = 0; k < have.length; k += MAX_LISTED) send(f, { t: 'got', chunks: have.slice(k, k + MAX_LISTED) });
      this.host.changed();
    };
    if (channel.readyState === 'open') open();
    else channel.onopen = open;
    channel.onmessage = (e) => {
      if (typeof e.data !== 'string') {
        let frames: ChunkFrame[];
        try {
          frames = decodeChunks(e.data as ArrayBuffer);
        } catch {
          f.bad = true; // a fellow receiver that sends what no Cowatch sends is not asked again
          return;
        }
        this.host.received(f.id, frames);
        return;
      }
      const c = parseControl(e.data);
      const inFile = (i: number) => i < this.host.chunkCount;
      if (c?.t === 'got') {
        for (const i of c.chunks) if (inFile(i)) f.has.add(i);
        this.host.changed();
      } else if (c?.t === 'want') {
        f.queue.push(...c.chunks.filter(inFile).slice(0, Math.max(0, MAX_QUEUED - f.queue.length)));
        void this.pump(f, channel);
      }
    };
    channel.onclose = () => this.gone(f, link);
  }

  private gone(f: Fellow, link: PeerLink): void {
    if (f.link !== link) return;
    f.link = undefined;
    f.channel = undefined;
    f.inFlight.clear();
    f.has.clear();
    f.retryAt = this.now() + RETRY_MS;
    link.close();
    this.host.changed();
  }

  /** Serves what `f` asked for, a bundle at a time, while its channel takes more. */
  private async pump(f: Fellow, channel: RTCDataChannel): Promise<void> {
    if (f.pumping) return;
    f.pumping = true;
    try {
      while (f.queue.length > 0 && channel.readyState === 'open') {
        if (channel.bufferedAmount > HIGH_WATER) {
          await new Promise<void>((resolve) => {
            channel.addEventListener('bufferedamountlow', () => resolve(), { once: true });
            channel.addEventListener('close', () => resolve(), { once: true });
          });
          continue;
        }
        const bundle: ChunkFrame[] = [];
        while (bundle.length < MAX_BUNDLE_CHUNKS && f.queue.length > 0) {
          const i = f.queue.shift()!;
          const data = await this.host.read(i);
          // The sharer's hash travels with the sharer's chunks only: a fellow's is checked against it on arrival.
          if (data) bundle.push({ index: i, sha256: NO_HASH, data });
        }
        if (bundle.length === 0 || channel.readyState !== 'open') continue;
        const message = encodeBundle(bundle);
        channel.send(message);
        f.sentBytes += message.byteLength;
      }
    } finally {
      f.pumping = false;
    }
  }
}

const NO_HASH = new Uint8Array(32);

function fellow(id: string): Fellow {
  return { id, has: new Set(), inFlight: new Map(), queue: [], pumping: false, bad: false, retryAt: 0, sentBytes: 0 };
}

function send(f: Fellow, c: Control): void {
  if (f.channel?.readyState === 'open') f.channel.send(JSON.stringify(c));
}
