/**
 * The room's sync mesh (docs/protocol.md 3.12): one WebRTC connection with an ordered `sync` data
 * channel to every other connected member while the room has at most MAX_MESH of them, set up over
 * the room's signaling (the member whose id sorts first offers). It carries frames, signed by their
 * senders and checked by `trust` (docs/protocol.md 3.13), and measures each peer's clock against this
 * member's own server-time estimate; what the frames mean is peerSync's business.
 */
import { ClockEstimator, clockSample } from '../engine/clock';
import type { MemberView, SignalIn } from '../protocol';
import { addressPrivacy } from './addressPrivacy';
import { FrameTrust } from './frameTrust';
import { meshPairs, meshSizeOf, seats } from './meshRule';
import type { Opened } from './peerFrameGate';
import { PeerLink, refuse, type SignalPort } from './peerLink';
import { newSessionId } from './signals';
import { MAX_FRAMES_PER_SECOND, MAX_MESH, SYNC_PURPOSE, type SyncFrame } from './syncFrames';

/** A frame that passed the gate, with its signer and the envelope to pass on as it came. */
export type Accepted = Extract<Opened, { ok: true }>;

/** Peer clock samples: a burst when a channel opens, then one every PING_PERIOD_MS. */
const PING_BURST = 5;
const PING_PERIOD_MS = 2_000;
/** A failed or refused connection is tried again after this long (while both are in the room). */
const RETRY_MS = 3_000;
/**
 * A link whose channel has not opened this long after it was made is made anew: an offer or answer
 * lost on the way (a signal dropped by the server's rate limit, a page busy at the wrong moment)
 * fails nothing, so without this the two would never be connected. Setting up takes well under a
 * second directly and a few through a relay.
 */
const OPEN_WITHIN_MS = 15_000;

export interface MeshHost extends SignalPort {
  readonly memberId: string | undefined;
  /** This member's own estimate of server time (without a peer correction). */
  ownServerNowMs(): number;
  /** The estimate this member plays by (with the acting authority's correction): what it answers pings with. */
  serverNowMs(): number;
  on(event: 'signal', handler: (s: SignalIn) => void): () => void;
}

/** Media on the mesh's connections (voice): told when a connection is made and when it is gone. */
export interface MeshMedia {
  /** Before the offer (`offer`) or the answer (`answer`) to `peer` is made. */
  prepare(peer: string, pc: RTCPeerConnection, side: 'offer' | 'answer'): void;
  gone(peer: string): void;
}

/**
 * How many members the mesh would join: this one and the other connected members of Cowatch's own
 * apps (others, such as Syncplay, have no WebRTC). Above MAX_MESH there is no mesh.
 */
export function meshSize(members: readonly MemberView[], me: string | undefined): number {
  return meshSizeOf(seats(members), me);
}

export interface Peer {
  readonly id: string;
  readonly clock: ClockEstimator;
  channel: RTCDataChannel | undefined;
  /** Frames this second, for the flood limit. */
  frames: number;
  second: number;
  /** The peer's texts are checked one after the other (WebCrypto answers later), so they are taken in order. */
  incoming: Promise<void>;
}

export class PeerMesh {
  readonly peers = new Map<string, Peer>();
  private readonly links = new Map<string, PeerLink>();
  private readonly retryAt = new Map<string, number>();
  private readonly madeAt = new Map<string, number>();
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly offSignal: () => void;
  private members: readonly MemberView[] = [];
  /** Sends wait for their signatures in the order they were made, so frames leave in order. */
  private outgoing: Promise<void> = Promise.resolve();
  /** This member's credential, its seal and the gate every peer's text passes. */
  readonly trust = new FrameTrust();
  /** Told of each text the gate dropped, and why (peerSync's trace). */
  dropped: (from: string, why: string) => void = () => undefined;

  constructor(private readonly host: MeshHost, private readonly iceServers: () => Promise<RTCIceServer[]>,
    private readonly onFrame: (from: string, accepted: Accepted) => void, private readonly onOpen: (peer: string) => void,
    private readonly media?: MeshMedia) {
    this.offSignal = host.on('signal', (s) => void this.signal(s));
    this.timer = setInterval(() => this.tick(), PING_PERIOD_MS);
  }

  /** The room's members changed (from the server's presence): connect to new ones, drop those gone. */
  update(members: readonly MemberView[]): void {
    this.members = members;
    const me = this.host.memberId;
    const ours = members.filter((m) => !m.client && m.id !== me);
    const connected = ours.filter((m) => m.connection === 'connected');
    // A member that lost the server is still in the list (its reconnect grace): its link is what keeps
    // it in sync now, so it stays; new links are only made with members the server can signal to.
    const meshed = meshSize(members, me) <= MAX_MESH;
    const keep = new Set(meshed ? ours.map((m) => m.id) : []);
    for (const id of [...this.links.keys()]) if (!keep.has(id)) this.drop(id, true);
    // Hidden behind a relay the server does not have: no connection could be made without showing the address.
    if (!me || !meshed || addressPrivacy().unavailable) return;
    const all = seats(members);
    for (const m of connected) {
      if (!this.links.has(m.id) && meshPairs(all, me, m.id) && (this.retryAt.get(m.id) ?? 0) <= Date.now()) void this.offer(m.id);
    }
  }

  /** The peers whose channel is open. */
  get open(): string[] {
    return [...this.peers.values()].filter((p) => p.channel?.readyState === 'open').map((p) => p.id);
  }

  /** The largest round trip to an open peer (0 when none has answered yet). */
  get maxRoundTripMs(): number {
    return Math.max(0, ...this.open.map((id) => this.peers.get(id)!.clock.rttMs));
  }

  /** Signed by this member; nothing goes out before it has a credential (docs/protocol.md 3.13). */
  send(to: string, frame: SyncFrame): void {
    if (this.peers.get(to)?.channel?.readyState !== 'open') return;
    const sealed = this.trust.sealFrame(frame);
    if (sealed) this.queue(async () => this.sendText(to, await sealed));
  }

  /** One signed envelope to every open peer but `except`. */
  broadcast(frame: SyncFrame, except?: string): void {
    const sealed = this.trust.sealFrame(frame);
    if (sealed) this.queue(async () => this.passNow(await sealed, except));
  }

  /** Another member's envelope, as it came, to `to` (a timeline it decided, told again). */
  forward(to: string, envelope: string): void {
    this.queue(async () => this.sendText(to, envelope));
  }

  /** Another member's envelope, as it came, to every open peer but `except` (a relayed chat line). */
  pass(envelope: string, except?: string): void {
    this.queue(async () => this.passNow(envelope, except));
  }

  private passNow(text: string, except: string | undefined): void {
    for (const id of this.open) if (id !== except) this.sendText(id, text);
  }

  private queue(step: () => Promise<void>): void {
    this.outgoing = this.outgoing.then(step).catch(() => undefined);
  }

  private sendText(to: string, text: string): void {
    const channel = this.peers.get(to)?.channel;
    if (channel?.readyState !== 'open') return;
    try {
      channel.send(text);
    } catch {
      // closing: the link's end handler drops it
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    this.offSignal();
    for (const id of [...this.links.keys()]) this.drop(id, true);
  }

  private async offer(peer: string): Promise<void> {
    const link = new PeerLink({
      port: this.host, peer, session: newSessionId(), purpose: SYNC_PURPOSE, iceServers: await this.iceServers(),
      channels: [{ label: SYNC_PURPOSE, init: { ordered: true } }],
      prepare: (pc) => this.media?.prepare(peer, pc, 'offer'),
      onEnd: () => this.drop(peer, false),
    });
    if (this.links.has(peer)) return; // an offer of theirs won the race while the ICE servers were asked
    this.links.set(peer, link);
    this.madeAt.set(peer, Date.now());
    const [channel] = await link.offer().catch(() => {
      if (this.links.get(peer) === link) this.drop(peer, false);
      return [];
    });
    if (channel && this.links.get(peer) === link) this.attach(peer, channel);
  }

  private async signal(s: SignalIn): Promise<void> {
    if (s.purpose !== SYNC_PURPOSE) return;
    const link = this.links.get(s.from);
    if (s.kind !== 'offer') {
      await link?.handle(s).catch(() => this.drop(s.from, false));
      return;
    }
    // Answering shows the offerer this browser's addresses: only the member the mesh pairs it with gets an
    // answer (the server relays no other offer either; this holds if it did).
    const me = this.host.memberId;
    if (!me || !meshPairs(seats(this.members), s.from, me) || addressPrivacy().unavailable) {
      refuse(this.host, s, 'not-in-mesh');
      return;
    }
    if (link) this.drop(s.from, false); // a new connection from that peer replaces the old one
    const answering = new PeerLink({
      port: this.host, peer: s.from, session: s.session, purpose: SYNC_PURPOSE, iceServers: await this.iceServers(),
      onChannel: (channel) => this.attach(s.from, channel),
      prepare: (pc) => this.media?.prepare(s.from, pc, 'answer'),
      onEnd: () => this.drop(s.from, false),
    });
    this.links.set(s.from, answering);
    this.madeAt.set(s.from, Date.now());
    await answering.answer(s.payload ?? '{}').catch(() => this.drop(s.from, false));
  }

  private attach(id: string, channel: RTCDataChannel): void {
    const peer: Peer = this.peers.get(id)
      ?? { id, clock: new ClockEstimator(16, 4), channel: undefined, frames: 0, second: 0, incoming: Promise.resolve() };
    peer.channel = channel;
    this.peers.set(id, peer);
    channel.onmessage = (e) => this.receive(peer, e.data);
    channel.onopen = () => this.opened(peer);
    // A channel of a link already replaced (the peer offered anew) closes late: it must not drop its successor.
    channel.onclose = () => {
      if (this.peers.get(id)?.channel === channel) this.drop(id, false);
    };
    if (channel.readyState === 'open') this.opened(peer);
  }

  private opened(peer: Peer): void {
    for (let i = 0; i < PING_BURST; i++) setTimeout(() => this.ping(peer.id), i * 100);
    this.onOpen(peer.id);
  }

  private receive(peer: Peer, data: unknown): void {
    const second = Math.floor(Date.now() / 1000);
    if (second !== peer.second) {
      peer.second = second;
      peer.frames = 0;
    }
    if (++peer.frames > MAX_FRAMES_PER_SECOND) {
      this.drop(peer.id, true); // a flooding peer is hung up on; it may connect again later
      return;
    }
    peer.incoming = peer.incoming.then(async () => this.take(peer, await this.trust.open(peer.id, data,
      Math.round(this.host.serverNowMs())))).catch(() => undefined);
  }

  private take(peer: Peer, opened: Opened): void {
    if (!opened.ok) {
      this.dropped(peer.id, opened.why);
      return;
    }
    const frame = opened.frame;
    if (frame.t === 'ping') {
      const now = this.host.serverNowMs();
      this.send(peer.id, { t: 'pong', t0: frame.t0, t1: now, t2: now });
    } else if (frame.t === 'pong') {
      peer.clock.add(clockSample(frame.t0, frame.t1, frame.t2, this.host.ownServerNowMs()));
    } else {
      this.onFrame(peer.id, opened);
    }
  }

  private ping(id: string): void {
    this.send(id, { t: 'ping', t0: this.host.ownServerNowMs() });
  }

  private tick(): void {
    for (const id of this.open) this.ping(id);
    const now = Date.now();
    for (const id of [...this.links.keys()]) {
      if (this.peers.get(id)?.channel?.readyState !== 'open' && now - (this.madeAt.get(id) ?? now) > OPEN_WITHIN_MS) this.drop(id, false);
    }
    this.update(this.members); // retry connections that failed
  }

  private drop(id: string, hangUp: boolean): void {
    const link = this.links.get(id);
    this.links.delete(id);
    this.madeAt.delete(id);
    const peer = this.peers.get(id);
    if (peer) {
      peer.channel = undefined;
      this.peers.delete(id);
    }
    link?.close();
    if (link) this.media?.gone(id);
    if (!hangUp) this.retryAt.set(id, Date.now() + RETRY_MS);
  }
}
