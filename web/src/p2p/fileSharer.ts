/**
 * The sharer's side: serves one file from this computer to every member that accepts it, each over its
 * own ordered data channel, chunks in the order the receiver asks for them (around its playhead). Reads
 * the file a block of chunks at a time (chunkReader.ts) and stops sending while the channel's buffer is full
 * (bufferedAmountLowThreshold), so neither the file nor the transfer sits in memory. Each link is paced
 * by the packets its connection drops on send (sendPacer.ts) while the film plays, which keeps SCTP out of its
 * timeouts.
 */
import type { SignalIn } from '../protocol';
import { ProgressMeter, type Progress } from '../net/upload/progress';
import { BLOCK_CHUNKS, ChunkReader } from './chunkReader';
import { CHUNK_BYTES, chunkCount } from './chunks';
import { encodeBundle, encodeChunk, hex, MAX_BUNDLE_CHUNKS, MAX_HASHES_PER_MESSAGE, parseControl, type ChunkFrame, type Control } from './frames';
import { hooks } from './hooks';
import { hashOffThread, type HashRun } from './offThreadHash';
import { packetsDiscardedOnSend, PeerLink, refuse, type SignalPort } from './peerLink';
import { SendPacer } from './sendPacer';
import type { PeerFile } from './peerMedia';

export const FILE_PURPOSE = 'file';
/**
 * Sending pauses above this much buffered and goes on below the low mark: ~100 ms at Chromium's 10 MiB/s here. At 4 MiB
 * the receivers' players fell more than 20 ms apart in 2 of 7 runs of bench/run p2p while the film arrived (367, 400 ms),
 * at 1 MiB in none of 5 (1.4-13.4 ms), at the same speed (7.4 against 7.2 MiB/s on average; 2026-11-29).
 */
const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;
/** Chunks read and hashed ahead of the one being sent: a block, so the next block is read while this one goes. */
const READ_AHEAD = BLOCK_CHUNKS;
/** How often a link's dropped packets are looked at (sendPacer.ts). */
const PACE_LOOK_MS = 250;

export type ReceiverStatus = 'connecting' | 'sending' | 'done' | 'declined' | 'gone';

export interface ReceiverView {
  peer: string;
  name: string;
  status: ReceiverStatus;
  progress: Progress;
  reason?: string;
}

interface Receiver {
  peer: string;
  name: string;
  link?: PeerLink;
  channel?: RTCDataChannel;
  queue: number[];
  /** Chunks one message may carry to this receiver (it says so in its `want`; 1 for older receivers). */
  bundle: number;
  /** Bytes sent to it on its data channels (chunks with their headers): for the benchmarks. */
  sentBytes: number;
  /** It takes part in a swarm (its `want` says so): it is told its fellows and the chunks' hashes. */
  swarm: boolean;
  /** How many of the sharer's hashes (hashLog) it was told. */
  hashesTold: number;
  /** Chunks it asked to be sent whoever has them (the stretch ahead of its player; a fellow that stalled). */
  direct: Set<number>;
  pumping: boolean;
  meter: ProgressMeter;
  progress: Progress;
  status: ReceiverStatus;
  reason?: string;
  /** Made when the link's channel opens (followDrops). */
  pacer?: SendPacer;
  paceTimer?: ReturnType<typeof setInterval>;
}

export class FileSharer {
  private readonly receivers = new Map<string, Receiver>();
  private readonly reader: ChunkReader;
  private wholeHash: string | undefined;
  /** Why the whole file could not be hashed: told to receivers instead of the hash. */
  private hashFailure: string | undefined;
  private hashRun?: HashRun;
  private stopped = false;
  /** Every chunk's SHA-256 as it was read, in that order: told to the receivers of a swarm (swarmPlan.ts). */
  private readonly hashLog: Array<[number, string]> = [];
  private readonly hashed = new Set<number>();
  /** All links together, when the tests emulate a home connection's upload (hooks.ts). */
  private readonly uplink = new SendPacer();
  /** The receiver each chunk went to first: a fellow of that one is pointed there instead (swarmPlan.ts). */
  private readonly sentTo = new Map<number, string>();
  /** The swarm last told: it is told again only when it changes, and its hashes go to these. */
  private told: Receiver[] = [];

  constructor(
    readonly file: Blob,
    readonly share: PeerFile,
    private readonly port: SignalPort,
    private readonly iceServers: () => Promise<RTCIceServer[]>,
    private readonly onChange: () => void,
    /**
     * Whether the film plays here (so, in a room in sync, everywhere): the pacer holds links back only then. Its drops
     * come from pages short of CPU while two of them play; with nothing playing, the transfer is all there is (paced,
     * it moved 12.0 and 8.4 MiB/s where unpaced it moved 17.5 and 10.4: bench/run p2p, paused, A/B on 2026-11-28).
     */
    private readonly playing: () => boolean,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.reader = new ChunkReader(file);
    hooks().sharers.push(this);
    void this.hashWhole();
  }

  get sha256(): string | undefined {
    return this.wholeHash;
  }

  views(): ReceiverView[] {
    return [...this.receivers.values()].map((r) => ({ peer: r.peer, name: r.name, status: r.status, progress: r.progress,
      ...(r.reason ? { reason: r.reason } : {}) }));
  }

  /** A signal about this share (the caller routes by purpose and session prefix). */
  async handle(s: SignalIn): Promise<void> {
    if (this.stopped) {
      if (s.kind === 'offer') refuse(this.port, s, 'the file is no longer shared');
      return;
    }
    const r = this.receiverOf(s);
    if (s.kind === 'refuse') {
      r.status = 'declined';
      r.reason = s.payload;
      this.onChange();
      return;
    }
    if (s.kind === 'offer') {
      r.link?.close('replaced');
      r.queue = [];
      r.status = 'connecting';
      const link = new PeerLink({
        port: this.port, peer: s.from, session: s.session, purpose: FILE_PURPOSE, iceServers: await this.iceServers(),
        onChannel: (ch) => this.serve(r, ch),
        onEnd: () => {
          if (r.link === link && r.status !== 'done') r.status = 'gone';
          this.onChange();
        },
      });
      r.link = link;
      await link.answer(s.payload ?? '{}');
      this.onChange();
      return;
    }
    await r.link?.handle(s);
  }

  /** Stops sharing: every receiver is told. */
  stop(): void {
    this.stopped = true;
    this.hashRun?.cancel();
    for (const r of this.receivers.values()) {
      clearInterval(r.paceTimer);
      r.link?.close('the sharer stopped sharing');
    }
  }

  private receiverOf(s: SignalIn): Receiver {
    let r = this.receivers.get(s.from);
    if (!r) {
      const meter = new ProgressMeter(this.share.size);
      r = { peer: s.from, name: s.name, queue: [], bundle: 1, sentBytes: 0, swarm: false, hashesTold: 0, direct: new Set(), pumping: false, meter, progress: meter.current(), status: 'connecting' };
      this.receivers.set(s.from, r);
    }
    return r;
  }

  private serve(r: Receiver, channel: RTCDataChannel): void {
    r.channel = channel;
    channel.binaryType = 'arraybuffer';
    channel.bufferedAmountLowThreshold = LOW_WATER;
    const send = (c: Control) => channel.readyState === 'open' && channel.send(JSON.stringify(c));
    channel.onopen = () => {
      r.status = 'sending';
      this.followDrops(r, channel);
      send({ t: 'info', name: this.share.name, size: this.share.size, type: this.share.type, chunkBytes: CHUNK_BYTES });
      if (this.wholeHash) send({ t: 'hash', sha256: this.wholeHash });
      else if (this.hashFailure) send({ t: 'fail', reason: this.hashFailure });
      this.onChange();
    };
    channel.onmessage = (e) => {
      if (typeof e.data !== 'string') return;
      const c = parseControl(e.data);
      if (c?.t === 'want') {
        const count = chunkCount(this.share.size);
        if (c.replace) r.queue = [];
        if (c.direct === true) for (const i of c.chunks) r.direct.add(i);
        if (c.bundle !== undefined) r.bundle = Math.min(c.bundle, MAX_BUNDLE_CHUNKS);
        if (c.swarm === true && !r.swarm) {
          r.swarm = true;
          this.tellSwarm(true);
        }
        r.queue.push(...c.chunks.filter((i) => i < count));
        void this.pump(r, channel);
      } else if (c?.t === 'have') {
        r.progress = r.meter.record(c.bytes, this.now());
        if (c.bytes >= this.share.size && r.status !== 'done') {
          r.status = 'done';
          this.tellSwarm();
        }
        this.onChange();
      } else if (c?.t === 'fail') {
        r.reason = c.reason;
        this.onChange();
      }
    };
    channel.onclose = () => {
      if (r.channel === channel) clearInterval(r.paceTimer);
      if (r.channel === channel && r.status !== 'done') r.status = 'gone';
      this.tellSwarm();
      this.onChange();
    };
  }

  private async pump(r: Receiver, channel: RTCDataChannel): Promise<void> {
    if (r.pumping) return;
    r.pumping = true;
    try {
      const ahead: Promise<ChunkFrame>[] = [];
      while ((r.queue.length > 0 || ahead.length > 0) && channel.readyState === 'open' && r.channel === channel) {
        const pointed = new Map<string, number[]>();
        while (ahead.length < READ_AHEAD && r.queue.length > 0) {
          const i = r.queue.shift()!;
          const holder = this.holderFor(r, i);
          if (holder !== undefined) {
            if (pointed.has(holder)) pointed.get(holder)!.push(i);
            else pointed.set(holder, [i]);
            continue;
          }
          if (!this.sentTo.has(i)) this.sentTo.set(i, r.peer);
          ahead.push(this.frame(i));
        }
        for (const [peer, chunks] of pointed) channel.send(JSON.stringify({ t: 'elsewhere', peer, chunks } satisfies Control));
        if (ahead.length === 0) continue;
        if (channel.bufferedAmount > HIGH_WATER) {
          await new Promise<void>((resolve) => {
            channel.addEventListener('bufferedamountlow', () => resolve(), { once: true });
            channel.addEventListener('close', () => resolve(), { once: true });
          });
          continue;
        }
        // As many chunks as the receiver takes in one message, of those read already: fewer, larger messages.
        const chunks = [await ahead.shift()!];
        while (chunks.length < r.bundle && ahead.length > 0) chunks.push(await ahead.shift()!);
        const message = r.bundle > 1 ? encodeBundle(chunks) : encodeChunk(chunks[0]!.index, chunks[0]!.sha256, chunks[0]!.data);
        const pacer = (r.pacer ??= new SendPacer());
        pacer.limitTo(hooks().maxBytesPerSecond);
        let wait = hooks().noPacer || !this.playing() ? 0 : pacer.take(message.byteLength, this.now());
        const uplink = hooks().uplinkBytesPerSecond ?? 0;
        if (uplink > 0) {
          this.uplink.limitTo(uplink);
          wait = Math.max(wait, this.uplink.take(message.byteLength, this.now()));
        }
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (channel.readyState !== 'open') break;
        channel.send(message);
        r.sentBytes += message.byteLength;
        this.tellHashes();
      }
    } finally {
      r.pumping = false;
    }
  }

  /** A new link's pacer, told every PACE_LOOK_MS how many packets the connection has dropped (sendPacer.ts). */
  private followDrops(r: Receiver, channel: RTCDataChannel): void {
    clearInterval(r.paceTimer);
    const pacer = new SendPacer();
    r.pacer = pacer;
    const pc = r.link?.pc;
    if (!pc) return;
    let looking = false;
    r.paceTimer = setInterval(() => {
      if (r.channel !== channel || channel.readyState !== 'open' || this.stopped) return clearInterval(r.paceTimer);
      if (looking) return;
      looking = true;
      void packetsDiscardedOnSend(pc).then((n) => (this.playing() ? pacer.observe(n) : pacer.overlook(n))).finally(() => {
        looking = false;
      });
    }, PACE_LOOK_MS);
  }

  /**
   * The fellow receiver chunk `i` went to, when `r` should take it from there rather than from here: both take
   * part in the swarm, that one is still connected, and `r` did not ask for it directly.
   */
  private holderFor(r: Receiver, i: number): string | undefined {
    if (r.direct.delete(i) || !r.swarm) return undefined;
    const first = this.sentTo.get(i);
    if (first === undefined || first === r.peer) return undefined;
    const holder = this.receivers.get(first);
    return holder && holder.swarm && holder.status === 'sending' && holder.channel?.readyState === 'open' ? first : undefined;
  }

  /** The receivers of a swarm now: those connected that take part. */
  private swarmMembers(): Receiver[] {
    return [...this.receivers.values()].filter((r) => r.swarm && r.status === 'sending' && r.channel?.readyState === 'open');
  }

  /** Tells each receiver of the swarm its fellows, when they changed (or `always`: a new one joined). */
  private tellSwarm(always = false): void {
    const members = this.swarmMembers();
    const same = members.length === this.told.length && members.every((r) => this.told.includes(r));
    if (!always && same) return;
    this.told = members;
    for (const r of members) {
      r.channel!.send(JSON.stringify({ t: 'swarm', peers: members.filter((o) => o !== r).map((o) => o.peer) } satisfies Control));
    }
    this.tellHashes();
  }

  /**
   * The hashes read since each receiver of the swarm was last told, while there is a swarm to check them. Called
   * after every message sent: with no swarm it returns at once.
   */
  private tellHashes(): void {
    if (this.told.length < 2) return;
    for (const r of this.told) {
      while (r.hashesTold < this.hashLog.length && r.channel?.readyState === 'open') {
        const chunks = this.hashLog.slice(r.hashesTold, r.hashesTold + MAX_HASHES_PER_MESSAGE);
        r.channel.send(JSON.stringify({ t: 'hashes', chunks } satisfies Control));
        r.hashesTold += chunks.length;
      }
    }
  }

  /** Chunk `i` read from the file and hashed. */
  private async frame(i: number): Promise<ChunkFrame> {
    const read = await this.reader.chunk(i);
    const sha256 = new Uint8Array(await crypto.subtle.digest('SHA-256', read as Uint8Array<ArrayBuffer>));
    if (!this.hashed.has(i)) {
      this.hashed.add(i);
      this.hashLog.push([i, hex(sha256)]);
    }
    let data = read;
    const h = hooks();
    if (h.corruptNext > 0) {
      h.corruptNext--;
      // A copy, after hashing, never in the reader's block: what a link that flips a bit would deliver.
      data = read.slice();
      data[0] = data[0]! ^ 0xff;
    }
    return { index: i, sha256, data };
  }

  /** The whole file's SHA-256, read once in a worker (offThreadHash.ts); then every receiver is told. */
  private async hashWhole(): Promise<void> {
    let c: Control;
    try {
      this.hashRun = hashOffThread({ kind: 'blob', blob: this.file });
      this.wholeHash = await this.hashRun.result;
      c = { t: 'hash', sha256: this.wholeHash };
    } catch (e) {
      // Without the whole file's hash no receiver could finish: each is told why instead, now and on connecting.
      this.hashFailure = `the sharer could not read the file: ${e instanceof Error ? e.message : String(e)}`;
      c = { t: 'fail', reason: this.hashFailure };
    }
    if (this.stopped) return;
    for (const r of this.receivers.values()) {
      if (r.channel?.readyState === 'open') r.channel.send(JSON.stringify(c));
    }
  }
}
