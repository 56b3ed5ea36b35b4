/**
 * Keeps a room playing in sync between its members when the server is lost (docs/protocol.md 3.12):
 * notices the loss (socket closed, or no pong for PEER_FALLBACK_AFTER_MS), plays the acting
 * authority's timeline on its clock, sends intents to it (or decides them, when it is this member),
 * relays chat, and hands the room back to the server when it returns. The rules are pure and tested
 * (peerAuthority, peerDecider, peerMode, pendingLines); this is the wiring.
 */
import type { Timeline } from '../engine/timeline';
import { TOLERANCES } from '../engine/tolerances';
import type { RoomClient, RoomClientEvents } from '../net/roomClient';
import type { ClientMessage, Role } from '../protocol';
import { authorityOrder, mayControl, timelineRefusal, type ControlMode } from './peerAuthority';
import { decidePeerIntent, type PeerIntent } from './peerDecider';
import { PeerMesh, type Accepted, type MeshMedia } from './peerMesh';
import { PeerMode } from './peerMode';
import { PendingLines, type LineStore } from './pendingLines';
import type { PeerSteering, Verdict } from './peerSteering';
import { ReturnSchedule } from './returnSchedule';
import { newSessionId } from './signals';
import { characters, MAX_CHAT_CHARS, type PeerChatLine, type SyncFrame } from './syncFrames';

/** No pong for this long and the server counts as lost (four missed pings at the mesh's one a second). */
export const PEER_FALLBACK_AFTER_MS = 4_000;
/** While a mesh is up the client pings at least this often, so a silent server is noticed in time. */
const MESH_PING_MS = 1_000;
/** Lines handed back one at a time, within the server's chat rate (a burst of 5, then one a second). */
const HAND_BACK_LINE_MS = 1_100;

interface PeerInfo {
  role: Role;
  lost: boolean;
}

export class PeerSync implements PeerSteering {
  readonly mode = new PeerMode((a, b) => this.senior(a, b));
  private readonly mesh: PeerMesh;
  private readonly info = new Map<string, PeerInfo>();
  private readonly seenLines = new Set<string>();
  private readonly pending: PendingLines;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly offs: Array<() => void> = [];
  /** Gives the client's steering back (to nobody: it follows the server alone). */
  private readonly unsteer: () => void;
  private order: string[] = [];
  private heldServerTimeline: Timeline | undefined;
  private readonly returning = new ReturnSchedule();
  /** This member's id when it lost the server: its place in the authority order when it returns. */
  private partitionId: string | undefined;
  /** The envelope of the timeline played now, as its decider signed it: told again as it is (undefined: ours, or the server's). */
  private toldTimeline: string | undefined;
  private lineTimer: ReturnType<typeof setTimeout> | undefined;
  private localLineIds = -1;
  /** The last things that happened here (a read-only handle for the browser tests and the console). */
  readonly trace: string[] = [];

  constructor(private readonly client: RoomClient, iceServers: () => Promise<RTCIceServer[]>, roomId: string,
    store: LineStore, private readonly controlMode: () => ControlMode, media?: MeshMedia) {
    this.pending = new PendingLines(store, `cowatch.pendingLines.${roomId}`);
    this.mesh = new PeerMesh(client, iceServers, (from, f) => this.frame(from, f), (peer) => this.hello(peer), media);
    this.mesh.dropped = (from, why) => this.note(`dropped a frame from ${from}: ${why}`);
    this.unsteer = client.steer(this);
    this.offs.push(
      client.on('presence', (members) => {
        this.mesh.update(members);
        for (const m of members) this.info.set(m.id, { role: m.role, lost: this.info.get(m.id)?.lost ?? false });
      }),
      client.on('state', () => this.watch()),
      client.on('joined', () => this.handBackLines()),
      client.on('chat', (e) => this.serverChat(e)),
      client.on('error', (e) => this.serverRefusedLine(e.ref, e.code, e.message)),
      client.on('peerCredential', (c) => void this.mesh.trust.credential(c).then((ok) => {
        this.note(ok ? `peer credential until ${this.mesh.trust.own?.expiresAtMs}` : "the server's peer credential does not check out");
        // A channel that opened before the credential came heard no hello from us (nothing goes out unsealed).
        if (ok) this.mesh.broadcast(this.helloFrame());
      })),
    );
    this.timer = setInterval(() => this.watch(), 500);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.returning.cancel();
    clearTimeout(this.lineTimer);
    this.offs.forEach((off) => off());
    this.mesh.dispose();
    this.unsteer();
  }

  /** Whether this member plays by its peers now (for the page's banner). */
  get onPeers(): boolean {
    return this.mode.mode !== 'server';
  }

  /** The acting authority while the server is lost (undefined: nobody here may control). */
  get authority(): string | undefined {
    return this.order[0];
  }

  // ---- PeerSteering: how the room client is steered ---------------------------------------

  serverTimeline(t: Timeline, joined: boolean): Verdict {
    if (!joined) {
      const verdict = this.mode.serverTimeline(t);
      if (verdict === 'replace') {
        this.returning.cancel();
        this.backOnServer();
      }
      return verdict;
    }
    this.heldServerTimeline = t;
    // The order holds the ids the partition knew each other by. A member back after its reconnect grace
    // joins under a new id, so its place is looked up by the id it had when it lost the server: else
    // nobody finds itself in the order, nobody hands back, and everyone gives up to the server's old
    // timeline (bench/run hybrid after 60 s on the peers: a 67 s jump).
    const me = this.partitionId ?? this.client.memberId;
    const plan = this.mode.serverJoined(t, me ? this.order.indexOf(me) : -1);
    this.note(`joined the server at v${t.version} (base ${this.mode.base}): ${plan.do}${plan.do === 'handBack' ? ` in ${plan.afterMs} ms` : ''}, order ${this.order.join(',')}`);
    if (plan.do === 'followServer') {
      this.returning.cancel();
      this.backOnServer();
      return 'replace';
    }
    // A member that may not hand back waits for every place of the order and one more (a peer it did not see).
    this.returning.start(plan.do === 'handBack' ? plan.afterMs : undefined, this.order.length + 1,
      { handBack: () => this.sendHandBack(), giveUp: () => this.giveUpHandBack() });
    return 'hold';
  }

  intent(message: ClientMessage): boolean {
    if (this.mode.mode === 'server') return false;
    this.note(`intent ${message.type} as ${this.client.memberId} to ${this.authority}`);
    const intent = toPeerIntent(message);
    const me = this.client.memberId;
    if (!intent || this.mode.mode === 'returning' || !me) {
      this.client.showError({ code: 'no_server', message: 'this needs the server; it is coming back' });
      return true;
    }
    const authority = this.authority;
    if (!authority) {
      this.client.showError({ code: 'not_allowed', message: 'nobody here may control playback while the server is away' });
    } else if (authority === me) {
      this.decide(me, this.info.get(me)?.role ?? 'guest', intent, undefined);
    } else {
      this.mesh.send(authority, { t: 'intent', intent, ref: newSessionId() });
    }
    return true;
  }

  chat(text: string): boolean {
    const me = this.client.memberId;
    const trimmed = text.trim();
    if (this.mode.mode !== 'peers' || !me || trimmed.length === 0 || characters(trimmed) > MAX_CHAT_CHARS) return false;
    const self = this.client.members.find((m) => m.id === me);
    const line: PeerChatLine = { lineId: `l${newSessionId()}`, memberId: me, name: self?.name ?? '', text: trimmed,
      atMs: Math.round(this.client.serverNowMs()) };
    if (!this.pending.add(line)) return false;
    this.showLine(line, true);
    this.seenLines.add(line.lineId);
    this.mesh.broadcast({ t: 'chat', ...line });
    return true;
  }

  // ---- the server lost and back ---------------------------------------------------------------

  private watch(): void {
    void this.askForCredential();
    this.client.setPingCeiling(this.mesh.peers.size > 0 ? MESH_PING_MS : Infinity);
    if (this.mesh.peers.size === 0 && this.mode.mode === 'server') return;
    const silent = this.client.dropIfSilent(PEER_FALLBACK_AFTER_MS);
    if (this.mode.mode === 'server' && (silent || this.client.state !== 'connected')) {
      this.mode.lose(this.client.timeline);
      this.partitionId = this.client.memberId;
      this.mesh.broadcast(this.helloFrame());
      // Peers that play a newer one answer with it: a partition ends up on its newest timeline.
      if (this.onPeers) this.mesh.broadcast(this.timelineFrame({ memberId: '', intent: 'server' }));
    }
    this.recompute();
  }

  /** A credential for this page's key when there is none, it is about to expire, or the room changed our role or name. */
  private async askForCredential(): Promise<void> {
    const me = this.client.memberId;
    if (!me || this.client.state !== 'connected') return;
    const self = this.client.members.find((m) => m.id === me);
    if (this.mesh.trust.shouldAsk(this.client.serverNowMs(), self?.role, self?.name)) this.client.peerKey(await this.mesh.trust.key());
  }

  private backOnServer(): void {
    this.client.setClockCorrection(0);
    this.mesh.broadcast(this.helloFrame());
  }

  private sendHandBack(): boolean {
    const message = this.mode.handBack(newSessionId());
    if (!message) {
      this.note(`no handBack to send (mode ${this.mode.mode})`);
      return false;
    }
    // Not sent: the socket closed again; its next `joined` starts a new return with a new turn.
    const sent = this.client.handBack(message);
    this.note(`handBack on v${message.version} (${message.ref}) ${sent ? 'sent' : 'not sent: not connected'}`);
    return sent;
  }

  private giveUpHandBack(): void {
    if (this.mode.mode !== 'returning' || !this.heldServerTimeline) return;
    this.note(`nobody handed back in time: following the server's v${this.heldServerTimeline.version}`);
    this.mode.giveUp();
    this.backOnServer();
    this.client.adoptTimeline(this.heldServerTimeline);
  }

  /** The partition: oneself and the peers that also lost the server; its authority order. */
  private recompute(): void {
    const me = this.client.memberId;
    if (!me || this.mode.mode === 'server') {
      this.order = [];
      return;
    }
    if (this.mode.mode === 'returning') {
      // Back on the server's clock. The order stays the partition's, by the ids it knew: a second
      // `joined` (the socket closed again) must find this member where the first one did.
      this.client.setClockCorrection(0);
      return;
    }
    const partition = [{ id: me, role: this.info.get(me)?.role ?? 'guest' }, ...this.mesh.open
      .filter((id) => this.info.get(id)?.lost).map((id) => ({ id, role: this.info.get(id)!.role }))];
    this.order = authorityOrder(partition, this.controlMode()).map((p) => p.id);
    const authority = this.order[0];
    const correction = authority && authority !== me ? this.mesh.peers.get(authority)?.clock.offsetMs : 0;
    this.client.setClockCorrection(correction ?? 0);
  }

  // ---- frames from peers ----------------------------------------------------------------------

  private hello(peer: string): void {
    this.mesh.send(peer, this.helloFrame());
  }

  private helloFrame(): SyncFrame {
    const me = this.client.memberId ?? '';
    return { t: 'hello', memberId: me, role: this.info.get(me)?.role ?? 'guest',
      serverVersion: this.client.timeline?.version ?? 0, lost: this.mode.mode === 'peers' };
  }

  private note(what: string): void {
    this.trace.push(`${Math.round(performance.now())} ${what}`);
    if (this.trace.length > 50) this.trace.shift();
  }

  private frame(from: string, accepted: Accepted): void {
    const f = accepted.frame;
    if (f.t !== 'chat') this.note(`frame ${f.t} from ${from}: ${JSON.stringify(f).slice(0, 160)}`);
    switch (f.t) {
      case 'hello': // the gate: for its signer, with its credential's role
        this.info.set(from, { role: this.info.get(from)?.role ?? f.role, lost: f.lost });
        this.recompute();
        return;
      case 'intent':
        if (this.authority === this.client.memberId && this.mode.mode === 'peers') this.decide(from, accepted.signer.role, f.intent, f.ref);
        return;
      case 'timeline': {
        // Only from a member the room's control mode lets control playback, and never another media (3.13).
        const refusal = timelineRefusal(accepted.signer.role, this.controlMode(), f.timeline, f.base, f.by,
          this.mode.timeline, this.mode.base);
        if (refusal) {
          this.note(`refused the timeline of ${accepted.signer.memberId}: ${refusal}`);
          return;
        }
        // From the acting authority, or from a peer answering with a newer one than ours: the newest wins.
        if (this.mode.peerTimeline(f.timeline, f.base, f.by)) {
          this.toldTimeline = f.by ? accepted.envelope : undefined;
          this.client.adoptTimeline(f.timeline, f.cause.memberId ? { memberId: f.cause.memberId, intent: f.cause.intent as 'play' } : undefined);
        } else if (this.mode.mode === 'peers' && (f.base !== this.mode.base || f.timeline.version !== this.mode.timeline?.version
          || f.by !== this.mode.by)) {
          this.tellTimeline(from); // ours is newer: it is told
        }
        return;
      }
      case 'refused': // the acting authority sends its timeline along as a 'timeline' frame
        this.client.showError({ code: f.code, message: 'refused by the acting authority', ref: f.ref });
        return;
      case 'chat': // the name is the author's credential's (the gate put it there)
        if (this.seenLines.has(f.lineId) || this.seenLines.size > 10_000) return;
        this.seenLines.add(f.lineId);
        this.showLine(f, false);
        this.mesh.pass(accepted.envelope, from); // relayed as its author signed it
        return;
      default:
    }
  }

  /** As the acting authority: the room's rules on the peer timeline, then everyone is told. */
  private decide(from: string, role: Role, intent: PeerIntent, ref: string | undefined): void {
    const t = this.mode.timeline;
    if (!t) return;
    this.note(`decide ${intent.type} v${intent.version} from ${from} on v${t.version}`);
    const d = mayControl(role, this.controlMode())
      ? decidePeerIntent(t, intent, this.client.serverNowMs(), this.mesh.maxRoundTripMs, TOLERANCES)
      : { kind: 'refused' as const, code: 'not_allowed' as const, message: 'your role does not let you control playback' };
    if (d.kind === 'refused') {
      if (!ref) {
        this.client.showError({ code: d.code, message: d.message });
        return;
      }
      this.mesh.send(from, { t: 'refused', ref, code: d.code, timeline: t });
      this.tellTimeline(from);
      return;
    }
    const me = this.client.memberId ?? '';
    if (d.kind === 'unchanged' || !this.mode.peerTimeline(d.timeline, this.mode.base, me)) return;
    this.toldTimeline = undefined;
    const cause = { memberId: from, intent: intent.type };
    this.client.adoptTimeline(d.timeline, cause);
    this.mesh.broadcast(this.timelineFrame(cause));
  }

  /**
   * The timeline played now, to `to`: signed here when this member decided it or it is the server's own,
   * else as its decider signed it (nobody can sign another member's decision).
   */
  private tellTimeline(to: string): void {
    if (!this.mode.timeline) return;
    if (this.toldTimeline && this.mode.by && this.mode.by !== this.client.memberId) this.mesh.forward(to, this.toldTimeline);
    else this.mesh.send(to, this.timelineFrame({ memberId: '', intent: 'server' }));
  }

  /** What this member plays now, as a frame for its peers. */
  private timelineFrame(cause: { memberId: string; intent: string }): SyncFrame {
    return { t: 'timeline', timeline: this.mode.timeline!, base: this.mode.base, by: this.mode.by, cause };
  }

  /** `a` comes before `b` in the authority order of everyone this member knows. */
  private senior(a: string, b: string): boolean {
    const known = [a, b].map((id) => ({ id, role: this.info.get(id)?.role ?? 'guest' }));
    return authorityOrder(known, 'everyone')[0]?.id === a;
  }

  // ---- chat written while the server was lost ------------------------------------------------

  private showLine(line: PeerChatLine, mine: boolean): void {
    this.client.showChat({ message: { id: this.localLineIds--, memberId: line.memberId, userId: '', name: line.name,
      text: line.text, atMs: line.atMs, kind: 'user', lineId: line.lineId } });
    if (mine) this.client.showChat({ lineStatus: { lineId: line.lineId, status: 'pending' } });
  }

  /** Back on the server: each of this member's lines goes to it, paced by its chat rate limit. */
  private handBackLines(): void {
    clearTimeout(this.lineTimer);
    const next = this.pending.all[0];
    if (!next || this.client.state !== 'connected') return;
    this.client.sendNamedChat(next.text, next.lineId);
    this.lineTimer = setTimeout(() => this.handBackLines(), HAND_BACK_LINE_MS);
  }

  /** A line of this member's in the server's chat (a real id, not a local one): it is delivered. */
  private serverChat(e: RoomClientEvents['chat']): void {
    if ('message' in e && e.message.lineId && e.message.id >= 0) this.pending.settle(e.message.lineId);
  }

  private serverRefusedLine(ref: string | undefined, code: string, message: string): void {
    if (this.mode.mode === 'returning') this.note(`server error ${code} (${ref ?? 'no ref'}): ${message}`);
    if (!ref || !this.pending.has(ref) || code === 'rate_limited') return; // rate-limited lines are sent again
    this.pending.settle(ref);
    this.client.showChat({ lineStatus: { lineId: ref, status: 'failed', reason: message } });
  }
}

function toPeerIntent(m: ClientMessage): PeerIntent | undefined {
  switch (m.type) {
    case 'play': return { type: 'play', version: m.version };
    case 'pause': return m.positionMs === undefined ? { type: 'pause', version: m.version } : { type: 'pause', version: m.version, positionMs: m.positionMs };
    case 'seek': return { type: 'seek', version: m.version, positionMs: m.positionMs };
    case 'setRate': return { type: 'setRate', version: m.version, rate: m.rate };
    default: return undefined;
  }
}
