/**
 * A receiver's side of a shared file: connects to the sharer, asks for chunks in playback order around
 * the player's position (the service worker says which byte the <video> wants), checks each chunk's
 * SHA-256 and asks again for a bad one, stores the good ones, and checks the whole file at the end.
 * A cut connection is set up again and goes on from the chunks already stored.
 */
import type { SignalIn } from '../protocol';
import { ProgressMeter, type Progress } from '../net/upload/progress';
import { ChunkMap, chunkOf } from './chunks';
import { putChunks, storedIndices, type StoredFile } from './chunkStore';
import { decodeChunk, parseControl, sameBytes, type Control } from './frames';
import { FILE_PURPOSE } from './fileSharer';
import { hooks } from './hooks';
import { hashOffThread } from './offThreadHash';
import { PeerLink, type SignalPort } from './peerLink';
import type { PeerFile } from './peerMedia';
import { newSessionId } from './signals';

/** Chunks asked for and not yet here: 8 MiB, enough to keep a fast link busy for a round trip or two. */
const WINDOW = 128;
/** Stored chunks are written together: one IndexedDB transaction per this many, or per FLUSH_MS. */
const FLUSH_CHUNKS = 32;
const FLUSH_MS = 50;
const RECONNECT_MS = 500;
const MAX_RECONNECTS = 20;
const HAVE_EVERY_MS = 250;

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

  constructor(
    readonly share: PeerFile,
    private readonly port: SignalPort,
    private readonly iceServers: () => Promise<RTCIceServer[]>,
    private readonly onChange: () => void,
    private readonly now: () => number = () => performance.now(),
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
    if (this.map && needed < this.map.count && !this.map.has(needed) && !this.inFlight.has(needed)) {
      this.inFlight.clear();
      this.request(true);
      return;
    }
    this.request();
  }

  /** Whether this signal belongs to this fetcher's connection. */
  owns(s: SignalIn): boolean {
    return s.from === this.share.sharer && s.session === this.session;
  }

  async handle(s: SignalIn): Promise<void> {
    await this.link?.handle(s);
  }

  /** For the tests: the connection drops as if the network went away. */
  cut(): void {
    this.link?.pc.close();
    this.channel?.onclose?.(new Event('close'));
  }

  stop(): void {
    this.stopped = true;
    this.link?.close('the receiver stopped');
    clearTimeout(this.flushTimer);
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
      this.request();
      this.onChange();
    };
    channel.onmessage = (e) => {
      if (typeof e.data === 'string') this.control(parseControl(e.data));
      else void this.chunk(e.data as ArrayBuffer);
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
    if (c?.t === 'hash') {
      this.expectedHash = c.sha256;
      void this.verifyIfComplete();
    } else if (c?.t === 'fail') {
      this.fail('refused', c.reason);
    }
  }

  private async chunk(buffer: ArrayBuffer): Promise<void> {
    const f = decodeChunk(buffer);
    // A chunk not asked for any more (sent before a seek replaced the request) is kept all the same.
    if (!this.map || f.index >= this.map.count || this.map.has(f.index)) return;
    const actual = new Uint8Array(await crypto.subtle.digest('SHA-256', f.data as Uint8Array<ArrayBuffer>));
    this.inFlight.delete(f.index);
    if (!sameBytes(actual, f.sha256)) {
      this.badChunks++;
      this.send({ t: 'want', chunks: [f.index] });
      this.inFlight.add(f.index);
      this.onChange();
      return;
    }
    if (this.map.add(f.index)) this.pending.push({ index: f.index, data: f.data.slice() });
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
        return this.verifyIfComplete();
      },
      (e: unknown) => this.fail('storage', e instanceof Error ? e.message : String(e)));
  }

  private request(replace = false): void {
    if (!this.channel || this.channel.readyState !== 'open') return;
    // Asked for in batches of half a window: one message per 32 chunks, not one per chunk.
    if (!replace && this.inFlight.size > WINDOW / 2) return;
    const wanted = this.map.nextWanted(this.playheadByte, this.inFlight, WINDOW - this.inFlight.size);
    if (wanted.length === 0) return;
    for (const i of wanted) this.inFlight.add(i);
    this.send(replace ? { t: 'want', chunks: wanted, replace: true } : { t: 'want', chunks: wanted });
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
