/**
 * One WebRTC connection to another member of the room, set up through the room's signaling
 * (docs/protocol.md, "Peer-to-peer signaling"). Not about files: `purpose` says what it is for, and
 * the caller gets the data channels. The member that wants something offers; the other answers or
 * refuses. ICE candidates that arrive before the offer is applied wait for it.
 */
import type { SignalIn, SignalOut } from '../protocol';
import { addressPrivacy, transportPolicy } from './addressPrivacy';
import { hooks } from './hooks';
import { signalProblem } from './signals';

export interface SignalPort {
  signal(message: Omit<SignalOut, 'type'>): boolean;
}

export interface PeerLinkOptions {
  port: SignalPort;
  peer: string;
  session: string;
  purpose: string;
  iceServers: RTCIceServer[];
  /** The offerer's channels, made before its offer (so they are in it). */
  channels?: ReadonlyArray<{ label: string; init?: RTCDataChannelInit }>;
  onChannel?: (channel: RTCDataChannel) => void;
  /** The connection failed, was closed by the other side, or was refused ('refused' carries its reason). */
  onEnd?: (why: 'refused' | 'hangup' | 'failed', reason?: string) => void;
  /** What the offer says about itself (e.g. the file asked for); the other side sees it with the offer. */
  offerInfo?: unknown;
  /**
   * Adds or takes up media before the description is made: the offerer's before its offer, the
   * answerer's once the offer is applied (its transceivers exist then) and before its answer.
   */
  prepare?: (pc: RTCPeerConnection) => void;
}

export class PeerLink {
  readonly pc: RTCPeerConnection;
  private remoteSet = false;
  private readonly pendingCandidates: RTCIceCandidateInit[] = [];
  private ended = false;

  constructor(private readonly o: PeerLinkOptions) {
    // One transport for everything on the connection (data and voice): half the candidates to gather and signal.
    // A hidden address (addressPrivacy.ts) gathers relay candidates only: the peer never sees this one.
    this.pc = new RTCPeerConnection({ iceServers: o.iceServers,
      iceTransportPolicy: transportPolicy(hooks().forceRelay || addressPrivacy().hidden), bundlePolicy: 'max-bundle' });
    this.pc.onicecandidate = (e) => {
      if (e.candidate) this.send('candidate', JSON.stringify(e.candidate.toJSON()));
    };
    this.pc.ondatachannel = (e) => o.onChannel?.(e.channel);
    this.pc.onconnectionstatechange = () => {
      if (this.pc.connectionState === 'failed') this.end('failed');
    };
  }

  /** As the offerer: makes the channels and sends the offer. */
  async offer(): Promise<RTCDataChannel[]> {
    const channels = (this.o.channels ?? []).map((c) => this.pc.createDataChannel(c.label, c.init));
    this.o.prepare?.(this.pc);
    await this.pc.setLocalDescription(await this.pc.createOffer());
    this.send('offer', JSON.stringify({ sdp: this.pc.localDescription?.sdp, info: this.o.offerInfo }));
    return channels;
  }

  /** As the answerer, once the offer is accepted. */
  async answer(offerPayload: string): Promise<void> {
    const { sdp } = JSON.parse(offerPayload) as { sdp: string };
    await this.pc.setRemoteDescription({ type: 'offer', sdp });
    await this.applyPending();
    this.o.prepare?.(this.pc);
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    this.send('answer', JSON.stringify({ sdp: this.pc.localDescription?.sdp }));
  }

  /** A signal of this link's session from its peer. */
  async handle(s: SignalIn): Promise<void> {
    switch (s.kind) {
      case 'answer': {
        const { sdp } = JSON.parse(s.payload ?? '{}') as { sdp: string };
        await this.pc.setRemoteDescription({ type: 'answer', sdp });
        await this.applyPending();
        break;
      }
      case 'candidate': {
        const c = JSON.parse(s.payload ?? '{}') as RTCIceCandidateInit;
        if (this.remoteSet) await this.pc.addIceCandidate(c).catch(() => undefined);
        else this.pendingCandidates.push(c);
        break;
      }
      case 'refuse':
        this.end('refused', s.payload);
        break;
      case 'hangup':
        this.end('hangup', s.payload);
        break;
      case 'offer':
        break; // an offer starts a link; the owner of the links answers it
    }
  }

  /** Closes the connection and tells the peer (unless it is the peer that ended it). */
  close(reason?: string): void {
    if (this.ended) return;
    this.send('hangup', reason);
    this.end('hangup', reason, false);
  }

  private async applyPending(): Promise<void> {
    this.remoteSet = true;
    for (const c of this.pendingCandidates.splice(0)) await this.pc.addIceCandidate(c).catch(() => undefined);
  }

  private end(why: 'refused' | 'hangup' | 'failed', reason?: string, notify = true): void {
    if (this.ended) return;
    this.ended = true;
    this.pc.close();
    if (notify) this.o.onEnd?.(why, reason);
  }

  private send(kind: SignalOut['kind'], payload?: string): void {
    const m = { to: this.o.peer, session: this.o.session, purpose: this.o.purpose, kind, ...(payload === undefined ? {} : { payload }) };
    if (signalProblem(m) !== null) throw new Error(`signal ${kind} breaks the rule on '${signalProblem(m)}'`);
    // An offer or answer the room's socket could not carry (it was reconnecting) leaves both sides waiting
    // for ever: the link fails now and its owner tries again, instead of noticing 15 s later.
    if (!this.o.port.signal(m) && (kind === 'offer' || kind === 'answer')) this.end('failed', 'not connected to the server');
  }
}

/** Refuses an offer without making a connection. */
export function refuse(port: SignalPort, s: SignalIn, reason: string): void {
  port.signal({ to: s.from, session: s.session, purpose: s.purpose, kind: 'refuse', payload: reason.slice(0, 500) });
}

/**
 * Packets the connection's sockets dropped on the way out so far (its candidate pairs' `packetsDiscardedOnSend`):
 * 0 where the browser does not count them.
 */
export async function packetsDiscardedOnSend(pc: RTCPeerConnection): Promise<number> {
  const stats = await pc.getStats();
  let n = 0;
  stats.forEach((s: { type: string; packetsDiscardedOnSend?: number }) => {
    if (s.type === 'candidate-pair') n += s.packetsDiscardedOnSend ?? 0;
  });
  return n;
}
