/**
 * The one WebRTC connection of a nearby room, set up without a server: the starting device makes an
 * offer with all its ICE candidates gathered in (there is no way to send more later), shows it as a
 * code; the joining device answers with a code of its own; the starter applies it. The data channel is
 * agreed on both sides beforehand (negotiated, id 0), so it opens as soon as the connection does.
 * Candidates are the device's own addresses on a local network, and its public one where a STUN
 * server is configured (nearbySettings.ts).
 */
import { decodeCode, encodeCode, type CodeProblem } from './pairingCode';
import { newSessionId } from '../p2p/signals';

/** Gathering stops after this long with what it has (an unreachable STUN server would hold it for 10 s or more). */
const GATHER_MS = 3_000;
/** The connection must open this long after both descriptions are in place, or it failed. */
export const CONNECT_MS = 20_000;

export type LinkEnd = 'unreachable' | 'closed';

export interface LinkEvents {
  open(): void;
  /** The connection could not be made ('unreachable') or was lost or closed by the other device ('closed'). */
  end(why: LinkEnd): void;
}

export type Problem = { readonly problem: CodeProblem | 'other_offer' };

export class NearbyLink {
  readonly pc: RTCPeerConnection;
  readonly channel: RTCDataChannel;
  private ended = false;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  /** The other device's name, from its code. */
  peerName = '';

  private constructor(iceServers: RTCIceServer[], readonly pairingId: string, private readonly events: LinkEvents) {
    this.pc = new RTCPeerConnection({ iceServers });
    this.channel = this.pc.createDataChannel('nearby', { negotiated: true, id: 0, ordered: true });
    this.channel.onopen = () => {
      clearTimeout(this.connectTimer);
      events.open();
    };
    this.channel.onclose = () => this.end('closed');
    this.pc.onconnectionstatechange = () => {
      const s = this.pc.connectionState;
      if (s === 'failed') this.end(this.channel.readyState === 'open' ? 'closed' : 'unreachable');
    };
  }

  /** The starting device: a link waiting for an answer, and the offer's code to show. */
  static async offer(name: string, iceServers: RTCIceServer[], events: LinkEvents): Promise<{ link: NearbyLink; code: string }> {
    const link = new NearbyLink(iceServers, newSessionId(), events);
    await link.pc.setLocalDescription(await link.pc.createOffer());
    await link.gathered();
    const code = await encodeCode({ kind: 'offer', pairingId: link.pairingId, name, sdp: link.pc.localDescription?.sdp ?? '' });
    return { link, code };
  }

  /** The joining device: from the offer's code, a link and the answer's code to show back; or why the code is refused. */
  static async answer(offerCode: string, name: string, iceServers: RTCIceServer[], events: LinkEvents)
    : Promise<{ link: NearbyLink; code: string } | Problem> {
    const decoded = await decodeCode(offerCode, 'offer');
    if (!decoded.ok) return { problem: decoded.problem };
    const link = new NearbyLink(iceServers, decoded.pairing.pairingId, events);
    link.peerName = decoded.pairing.name;
    try {
      await link.pc.setRemoteDescription({ type: 'offer', sdp: decoded.pairing.sdp });
      await link.pc.setLocalDescription(await link.pc.createAnswer());
    } catch {
      link.close();
      return { problem: 'damaged' };
    }
    await link.gathered();
    link.awaitOpen();
    const code = await encodeCode({ kind: 'answer', pairingId: link.pairingId, name, sdp: link.pc.localDescription?.sdp ?? '' });
    return { link, code };
  }

  /** The starting device takes the answer; undefined when it is applied and the connection is being made. */
  async accept(answerCode: string): Promise<Problem | undefined> {
    const decoded = await decodeCode(answerCode, 'answer');
    if (!decoded.ok) return { problem: decoded.problem };
    if (decoded.pairing.pairingId !== this.pairingId) return { problem: 'other_offer' };
    if (this.pc.signalingState !== 'have-local-offer') return undefined; // the same answer pasted twice
    try {
      await this.pc.setRemoteDescription({ type: 'answer', sdp: decoded.pairing.sdp });
    } catch {
      return { problem: 'damaged' };
    }
    this.peerName = decoded.pairing.name;
    this.awaitOpen();
    return undefined;
  }

  /** The route the connection took: 'host' (the same network), 'srflx'/'prflx' (through NATs), 'relay'. */
  async route(): Promise<string | undefined> {
    const stats = await this.pc.getStats();
    let pairId: string | undefined;
    stats.forEach((s: { type: string; selectedCandidatePairId?: string }) => {
      if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
    });
    const pair = pairId ? stats.get(pairId) as { localCandidateId?: string } | undefined : undefined;
    const local = pair?.localCandidateId ? stats.get(pair.localCandidateId) as { candidateType?: string } | undefined : undefined;
    return local?.candidateType;
  }

  close(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.connectTimer);
    this.channel.close();
    this.pc.close();
  }

  private end(why: LinkEnd): void {
    if (this.ended) return;
    this.close();
    this.events.end(why);
  }

  private awaitOpen(): void {
    clearTimeout(this.connectTimer);
    this.connectTimer = setTimeout(() => {
      if (this.channel.readyState !== 'open') this.end('unreachable');
    }, CONNECT_MS);
  }

  private gathered(): Promise<void> {
    if (this.pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, GATHER_MS);
      const pc = this.pc;
      pc.addEventListener('icegatheringstatechange', check);
      function check(): void {
        if (pc.iceGatheringState === 'complete') done();
      }
      function done(): void {
        clearTimeout(timer);
        pc.removeEventListener('icegatheringstatechange', check);
        resolve();
      }
    });
  }
}
