/**
 * A receiver's side of a shared file: connects to the sharer, asks for chunks in playback order around
 * the player's position (the service worker says which byte the <video> wants), checks each chunk's
 * SHA-256 and asks again for a bad one, stores the good ones, and checks the whole file at the end.
 * A cut connection is set up again and goes on from the chunks already stored.
 */
import type { SignalIn } from '../protocol';
import { ProgressMeter, type Progress } from '../net/upload/progress';
import { ChunkMap, chunkOf } from './chunks';
import { getChunk, putChunks, storedIndices, type StoredFile } from './chunkStore';
import { decodeChunks, fromHex, MAX_BUNDLE_CHUNKS, parseControl, sameBytes, type ChunkFrame, type Control } from './frames';
import { FILE_PURPOSE } from './fileSharer';
import { hooks } from './hooks';
import { hashOffThread } from './offThreadHash';
import { PeerLink, type SignalPort } from './peerLink';
import type { PeerFile } from './peerMedia';
import { newSessionId } from './signals';
import { PEER_WINDOW, SwarmLinks } from './swarmLinks';
import { sourceOf, SWARM_STALL_MS, type SwarmView } from './swarmPlan';

/** Chunks asked for and not yet here: 8 MiB, enough to keep a fast link busy for a round trip or two. */
const WINDOW = 128;
/** Stored chunks are written together: one IndexedDB transaction per this many, or per FLUSH_MS. */
const FLUSH_CHUNKS = 32;
const FLUSH_MS = 50;
const RECONNECT_MS = 500;
const MAX_RECONNECTS = 20;
const HAVE_EVERY_MS = 250;
/** Missing chunks looked at for each request: enough that this receiver's own stripe of a swarm of 8 fills the window. */
const LOOK_AHEAD = WINDOW * 8;
/** While receiving, requests are looked at again this often (a fellow receiver that stalled is noticed). */
const REQUEST_EVERY_MS = 500;
/** The player's asks kept for the benchmarks' trace (FileFetcher.needs). */
const NEEDS_TRACED = 64;

export type FetchStatus = 'connecting' | 'receiving' | 'verifying' | 'done' | 'reconnecting' | 'failed';
export type FetchFailure = 'refused' | 'checksum' | 'storage' | 'unreachable';

export class FileFetcher {
  status: FetchStatus = 'connecting';
  failure?: { kind: FetchFailure; detail?: string };
  progress: Progress;
  /** Chunks that arrived spoiled and were asked for again. */
  badChunks = 0;
  reconnects = 0;
  sha256?: string;
  /** performance.now() when the first channel opened and when the last chunk arrived (for measurements). */
  openedAt?: number;
  completedAt?: number;
  /** How the connection goes: 'host' (directly), 'srflx'/'prflx' (through NATs), 'relay' (through TURN). */
  route?: string;
  private map!: ChunkMap;
  private readonly meter: ProgressMeter;
  private link?: PeerLink;
  private session = '';
  private channel?: RTCDataChannel;
  private readonly inFlight = new Set<number>();
  private pending: { index: number; data: Uint8Array }[] = [];
  private flushing: Promise<void> = Promise.resolve();
  /** Chunks handed to IndexedDB whose transaction has not completed yet. */
  private storing = 0;
  private flushTimer?: ReturnType<typeof setTimeout>;
  private expectedHash?: string;
  private playheadByte = 0;
  private lastHaveAt = 0;
  private stopped = false;
  private entry: StoredFile;
  /** Fellow receivers of this file (swarmLinks.ts), once this receiver knows who it is. */
  private swarm?: SwarmLinks;
  /** The fellow receivers the sharer named last. */
  private fellows: string[] = [];
  /** Chunks the sharer pointed to a fellow for (its `elsewhere`), and that fellow. */
  private readonly pointed = new Map<number, string>();
  /** The sharer's SHA-256 of each chunk it told or sent: what a fellow receiver's chunk must match. */
  private readonly sharerHashes = new Map<number, Uint8Array>();
  /** Checked chunks not yet in storage: served to fellow receivers from here meanwhile. */
  private readonly unstored = new Map<number, Uint8Array>();
  private lastArrivalAt = 0;
  private requestTimer?: ReturnType<typeof setInterval>;
  /** Chunks that came from fellow receivers (for the benchmarks). */
  fromFellows = 0;
  /**
   * The player's first asks (seekTo), for the benchmarks' trace of a stall: when, which chunk, and when that chunk
   * arrived and was stored (NaN: not yet; -1: it was there before the ask). At most NEEDS_TRACED.
   */
  readonly needs: { atMs: number; index: number; arrivedAt: number; storedAt: number }[] = [];

  constructor(
    readonly share: PeerFile,
    private readonly port: SignalPort,
    private readonly iceServers: () => Promise<RTCIceServer[]>,
    private readonly onChange: () => void,
    private readonly now: () => number = () => performance.now(),
    /** This receiver's member id: with it, the receiver joins the file's swarm (swarmPlan.ts). */
    private readonly me?: string,
  ) {
    this.meter = new ProgressMeter(share.size);
    this.progress = this.meter.current();
    this.entry = { ...share, touchedAt: Date.now(), bytes: 0 };
    hooks().fetchers.push(this);
  }

  /** Loads what is stored already, then connects. */
  async start(): Promise<void> {
    this.map = new ChunkMap(this.share.size, await storedIndices(this.share.shareId));
    this.entry.bytes = this.map.bytesPresent;
    this.progress = this.meter.restart(this.map.bytesPresent, this.now());
    if (this.map.complete) {
      this.status = 'done';
      this.onChange();
      return;
    }
    await this.connect();
  }

  /**
   * The player wants the bytes from `offset`: that stretch is asked for first. When it is neither here nor
   * on its way (a seek past what has arrived), the sharer drops what it was still to send and sends this.
   */
  seekTo(offset: number): void {
    this.playheadByte = offset;
    const needed = chunkOf(offset);
    if (this.needs.length < NEEDS_TRACED) {
      const here = this.map?.has(needed) ?? false;
      this.needs.push({ atMs: this.now(), index: needed, arrivedAt: here ? -1 : NaN,
        storedAt: here && !this.unstored.has(needed) ? -1 : NaN });
    }
    if (this.map && needed < this.map.count && !this.map.has(needed) && !this.inFlight.has(needed)) {
      this.inFlight.clear();
      this.request(true);
      return;
    }
    this.request();
  }

  /** Whether this signal belongs to this fetcher's connection to the sharer or to a fellow receiver. */
  owns(s: SignalIn): boolean {
    return (s.from === this.share.sharer && s.session === this.session) || (this.swarm?.owns(s) ?? false);
  }

  async handle(s: SignalIn): Promise<void> {
    if (this.swarm?.owns(s)) await this.swarm.handle(s);
    else await this.link?.handle(s);
  }

  private joinSwarm(): SwarmLinks | undefined {
    const me = this.me;
    if (!me) return undefined;
    return new SwarmLinks({
      shareId: this.share.shareId, me, chunkCount: this.map.count,
      read: (i) => (this.unstored.has(i) ? Promise.resolve(this.unstored.get(i)) : getChunk(this.share.shareId, i)),
      present: () => this.map?.indices() ?? [],
      received: (peer, frames) => {
        for (const f of frames) void this.fellowChunk(peer, f);
      },
      changed: () => this.request(),
    }, this.port, this.iceServers, this.now);
  }

  /** Bytes this receiver sent its fellow receivers. */
  get sentToFellows(): number {
    return this.swarm?.sentBytes ?? 0;
  }

  /** For the tests: the connection drops as if the network went away. */
  cut(): void {
    this.link?.pc.close();
    this.channel?.onclose?.(new Event('close'));
  }

  stop(): void {
    this.stopped = true;
    this.link?.close('the receiver stopped');
    this.swarm?.close();
    clearTimeout(this.flushTimer);
    clearInterval(this.requestTimer);
  }

  private async connect(): Promise<void> {
    this.status = this.reconnects > 0 ? 'reconnecting' : 'connecting';
    this.inFlight.clear();
    this.session = `${this.share.shareId}-${newSessionId().slice(0, 8)}`;
    const link = new PeerLink({
      port: this.port, peer: this.share.sharer, session: this.session, purpose: FILE_PURPOSE,
      iceServers: await this.iceServers(), channels: [{ label: 'file', init: { ordered: true } }],
      offerInfo: { shareId: this.share.shareId },
      onEnd: (why, reason) => {
        if (why === 'refused') this.fail('refused', reason);
        else this.lost(link);
      },
    });
    this.link = link;
    const [channel] = await link.offer();
    this.attach(channel!, link);
    this.onChange();
  }

  private attach(channel: RTCDataChannel, link: PeerLink): void {
    this.channel = channel;
    channel.binaryType = 'arraybuffer';
    channel.onopen = () => {
      this.openedAt ??= this.now();
      void routeOf(link.pc).then((r) => {
        this.route = r;
      });
      this.status = 'receiving';
      this.progress = this.meter.restart(this.map.bytesPresent, this.now());
      this.lastArrivalAt = this.now();
      clearInterval(this.requestTimer);
      this.requestTimer = setInterval(() => {
        this.swarm?.expire();
        this.request();
      }, REQUEST_EVERY_MS);
      this.request();
      this.onChange();
    };
    channel.onmessage = (e) => {
      if (typeof e.data === 'string') this.control(parseControl(e.data));
      else this.chunks(e.data as ArrayBuffer);
    };
    channel.onclose = () => this.lost(link);
  }

  private lost(link: PeerLink): void {
    if (link !== this.link || this.stopped || this.status === 'done' || this.status === 'failed' || this.status === 'verifying') return;
    this.link = undefined;
    link.pc.close();
    if (++this.reconnects > MAX_RECONNECTS) {
      this.fail('unreachable');
      return;
    }
    this.status = 'reconnecting';
    this.onChange();
    setTimeout(() => void this.connect().catch((e: unknown) => this.fail('unreachable', String(e))), RECONNECT_MS);
  }

  private control(c: Control | undefined): void {
    if (c?.t === 'swarm') {
      this.fellows = c.peers.filter((p) => p !== this.share.sharer);
      // Links to fellows only once there are any: a receiver alone costs nothing more than before swarms.
      if (this.fellows.length > 0) this.swarm ??= this.joinSwarm();
      this.swarm?.update(this.fellows);
    } else if (c?.t === 'elsewhere') {
      for (const i of c.chunks) {
        this.inFlight.delete(i);
        this.pointed.set(i, c.peer);
      }
      this.request();
    } else if (c?.t === 'hashes') {
      // Only what may still come from a fellow: a chunk here already needs no check.
      for (const [i, h] of c.chunks) if (i < this.map.count && !this.map.has(i)) this.sharerHashes.set(i, fromHex(h));
      this.request();
    } else if (c?.t === 'hash') {
      this.expectedHash = c.sha256;
      void this.verifyIfComplete();
    } else if (c?.t === 'fail') {
      this.fail('refused', c.reason);
    }
  }

  private chunks(buffer: ArrayBuffer): void {
    let frames: ChunkFrame[];
    try {
      frames = decodeChunks(buffer);
    } catch {
      return; // not a chunk this receiver can read: what it asked for is asked again when the window moves
    }
    for (const f of frames) void this.chunk(f);
  }

  /** A chunk from the sharer: checked against the hash it came with (the sharer is the file's source). */
  private async chunk(f: ChunkFrame): Promise<void> {
    // A chunk not asked for any more (sent before a seek replaced the request) is kept all the same.
    if (!this.map || f.index >= this.map.count) return;
    if (this.map.has(f.index)) {
      this.inFlight.delete(f.index);
      return;
    }
    const actual = new Uint8Array(await crypto.subtle.digest('SHA-256', f.data as Uint8Array<ArrayBuffer>));
    this.inFlight.delete(f.index);
    if (!sameBytes(actual, f.sha256)) {
      this.badChunks++;
      this.send({ t: 'want', chunks: [f.index] });
      this.inFlight.add(f.index);
      this.onChange();
      return;
    }
    this.keep(f);
  }

  /** A chunk from a fellow receiver: kept only if it matches the sharer's hash; a mismatch bars that receiver. */
  private async fellowChunk(peer: string, f: ChunkFrame): Promise<void> {
    const expected = this.sharerHashes.get(f.index);
    if (!this.map || f.index >= this.map.count || !expected) {
      this.swarm?.settled(peer, f.index, true);
      return;
    }
    const actual = new Uint8Array(await crypto.subtle.digest('SHA-256', f.data as Uint8Array<ArrayBuffer>));
    const ok = sameBytes(actual, expected);
    this.swarm?.settled(peer, f.index, ok);
    if (!ok) {
      this.badChunks++;
      this.onChange();
      this.request();
      return;
    }
    if (this.map.has(f.index)) return;
    this.fromFellows++;
    this.keep(f);
  }

  /** A checked chunk: stored (in batches), told to fellow receivers, and the next ones asked for. */
  private keep(f: ChunkFrame): void {
    this.lastArrivalAt = this.now();
    this.sharerHashes.delete(f.index);
    if (this.map.add(f.index)) {
      for (const n of this.needs) if (n.index === f.index && Number.isNaN(n.arrivedAt)) n.arrivedAt = this.now();
      const data = f.data.slice();
      this.pending.push({ index: f.index, data });
      this.unstored.set(f.index, data);
      this.swarm?.got(f.index);
    }
    if (this.map.complete) this.completedAt ??= this.now();
    if (this.pending.length >= FLUSH_CHUNKS) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
    this.request();
    this.progress = this.meter.record(this.map.bytesPresent, this.now());
    if (this.now() - this.lastHaveAt > HAVE_EVERY_MS || this.map.complete) {
      this.lastHaveAt = this.now();
      this.send({ t: 'have', bytes: this.map.bytesPresent, playing: true });
      this.onChange();
    }
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.entry = { ...this.entry, touchedAt: Date.now(), bytes: this.map.bytesPresent };
    const entry = this.entry;
    this.storing += batch.length;
    this.flushing = this.flushing.then(() => putChunks(entry, batch)).then(
      () => {
        this.storing -= batch.length;
        for (const c of batch) this.unstored.delete(c.index);
        const at = this.now();
        for (const n of this.needs) if (Number.isNaN(n.storedAt) && batch.some((c) => c.index === n.index)) n.storedAt = at;
        return this.verifyIfComplete();
      },
      (e: unknown) => this.fail('storage', e instanceof Error ? e.message : String(e)));
  }

  /**
   * Asks for the next missing chunks: of the sharer, in batches of half a window (one message per 32 chunks, not
   * one per chunk); of fellow receivers, what the swarm's plan gives each (swarmPlan.ts).
   */
  private request(replace = false): void {
    if (!this.channel || this.channel.readyState !== 'open' || !this.map || this.map.complete) return;
    const swarm = this.swarm;
    const asked = swarm ? { has: (i: number) => this.inFlight.has(i) || swarm.isInFlight(i) } : this.inFlight;
    const view: SwarmView = {
      fellows: this.fellows, playheadChunk: chunkOf(this.playheadByte), pointedTo: (i) => this.pointed.get(i),
      peerHas: (peer, i) => swarm?.peerHas(peer, i) ?? false, hashKnown: (i) => this.sharerHashes.has(i),
      stalled: this.now() - this.lastArrivalAt > SWARM_STALL_MS,
    };
    const sharerRoom = replace || this.inFlight.size <= WINDOW / 2 ? WINDOW - this.inFlight.size : 0;
    if (this.fellows.length === 0 && sharerRoom === 0) return;
    const forSharer: number[] = [];
    const direct: number[] = [];
    const forPeers = new Map<string, number[]>();
    for (const i of this.map.nextWanted(this.playheadByte, asked, LOOK_AHEAD)) {
      const source = sourceOf(i, view);
      if (source.from === 'sharer' && forSharer.length + direct.length < sharerRoom) forSharer.push(i);
      else if (source.from === 'sharerDirect' && forSharer.length + direct.length < sharerRoom) direct.push(i);
      else if (source.from === 'peer') {
        const list = forPeers.get(source.peer) ?? [];
        list.push(i);
        forPeers.set(source.peer, list);
      }
      if (this.fellows.length === 0 && forSharer.length >= sharerRoom) break;
    }
    for (const [peer, chunks] of forPeers) swarm?.ask(peer, chunks.slice(0, Math.max(0, PEER_WINDOW - swarm.inFlightOf(peer))));
    for (const i of [...forSharer, ...direct]) this.inFlight.add(i);
    for (const i of direct) this.pointed.delete(i);
    // A `replace` goes with the first message only: the second must not drop what the first asked for.
    if (forSharer.length > 0) this.want(forSharer, replace, false);
    if (direct.length > 0) this.want(direct, replace && forSharer.length === 0, true);
  }

  private want(chunks: number[], replace: boolean, direct: boolean): void {
    this.send({ t: 'want', chunks, bundle: MAX_BUNDLE_CHUNKS, swarm: this.me !== undefined,
      ...(replace ? { replace: true } : {}), ...(direct ? { direct: true } : {}) });
  }

  /** Once every chunk is stored and the sharer's hash is known: the whole file is read back and checked. */
  private async verifyIfComplete(): Promise<void> {
    if (!this.map.complete || !this.expectedHash || this.pending.length > 0 || this.storing > 0 || this.status === 'verifying'
      || this.status === 'done' || this.status === 'failed') return;
    this.status = 'verifying';
    this.onChange();
    try {
      // Read back from storage in a worker: what the player will read, checked without holding up playback.
      this.sha256 = await hashOffThread({ kind: 'stored', shareId: this.share.shareId, count: this.map.count }).result;
    } catch (e) {
      return this.fail('storage', e instanceof Error ? e.message : String(e));
    }
    if (this.sha256 !== this.expectedHash) return this.fail('checksum');
    await putChunks({ ...this.entry, sha256: this.sha256, touchedAt: Date.now() }, []);
    this.status = 'done';
    this.send({ t: 'have', bytes: this.share.size, playing: true });
    this.link?.close('done');
    this.onChange();
  }

  private fail(kind: FetchFailure, detail?: string): void {
    if (this.status === 'failed') return;
    this.status = 'failed';
    this.failure = detail === undefined ? { kind } : { kind, detail };
    if (kind !== 'refused') this.send({ t: 'fail', reason: kind });
    this.link?.close(kind);
    this.onChange();
  }

  private send(c: Control): void {
    if (this.channel?.readyState === 'open') this.channel.send(JSON.stringify(c));
  }
}

/** The type of this side's candidate in the pair the connection uses (undefined if the browser does not say). */
async function routeOf(pc: RTCPeerConnection): Promise<string | undefined> {
  const stats = await pc.getStats();
  let pairId: string | undefined;
  stats.forEach((s: { type: string; selectedCandidatePairId?: string }) => {
    if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
  });
  const pair = pairId ? (stats.get(pairId) as { localCandidateId?: string } | undefined) : undefined;
  const local = pair?.localCandidateId ? (stats.get(pair.localCandidateId) as { candidateType?: string } | undefined) : undefined;
  return local?.candidateType;
}
