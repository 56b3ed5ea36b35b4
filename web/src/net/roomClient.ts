import { ClockSync, clockSample } from '../engine/clock';
import type { Corrections } from '../engine/healthReporting';
import { positionAt, type Timeline } from '../engine/timeline';
import {
  CLOSE_CODES,
  FINAL_CLOSES,
  PROTOCOL_VERSION,
  applyPresenceChanges,
  listWithSelf,
  type CauseView,
  type QueueItemView,
  type ClientMessage,
  type MemberView,
  type RoomView,
  type ServerMessage,
  type SignalOut,
} from '../protocol';
import {
  CLOSE_BANNED,
  CLOSE_KICKED,
  CLOSE_UNAUTHORIZED,
  MAX_UNAUTHORIZED,
  REFUSAL_CODES,
  type PeerSteering,
  type Refusal,
  type RoomClientEvents,
  type RoomClientOptions,
  type ServerError,
  type SocketLike,
  type ConnectionState,
} from './roomConnection';

export * from './roomConnection';

const MAX_BACKOFF_MS = 5_000;
/** This client's own close of a connection on which no pong came back (not a server close code). */
const CLOSE_NO_PONG = 3_000;
/** A connection attempt that has not opened in this long is given up (the server's address went silent). */
const CONNECT_TIMEOUT_MS = 5_000;
/** After the server said it restarts (1012), retries come this often until one joins (CloseCodes.SERVICE_RESTART). */
const RESTART_RETRY_MS = 250;

type Handler<K extends keyof RoomClientEvents> = (value: RoomClientEvents[K]) => void;

/**
 * One member's connection to a room: hello, clock sync (a burst, then one ping a second, which
 * also serve as heartbeats), the latest timeline (older versions are ignored), presence, intents
 * carrying the version seen, and reconnecting with the resume token after a drop.
 */
export class RoomClient {
  private readonly clock: ClockSync;
  private readonly handlers = new Map<keyof RoomClientEvents, Set<(v: never) => void>>();
  private readonly now: () => number;
  private socket: SocketLike | undefined;
  private pingTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  /** The server closed with 1012 since the last join: retry quickly, it is back within seconds. */
  private serverRestarting = false;
  private closing = false;
  private intents = 0;
  private refusedWith: Refusal | undefined;
  private sentToken: string | undefined;
  private refusedToken: string | undefined;
  private unauthorized = 0;
  private lastPongMs = 0;
  /** The longest gap between pings (the peers' fallback needs a quicker heartbeat to notice a silent server). */
  private pingCeilingMs = Infinity;
  /** Added to the server clock estimate while the peers keep the acting authority's clock. */
  private clockCorrectionMs = 0;
  steering: PeerSteering | undefined;

  timeline: Timeline | undefined;
  /** The members the room lists (its owner, moderators and those not ready above 100) and this client's own. */
  members: MemberView[] = [];
  /** Every member of the room, listed or not. */
  memberCount = 0;
  room: RoomView | undefined;
  /** The videos to play next, in order. */
  queue: QueueItemView[] = [];
  /** The subtitle track the room shows everyone; null for none. */
  subtitle: string | null = null;
  memberId: string | undefined;
  resumeToken: string | undefined;
  state: ConnectionState = 'connecting';

  constructor(private readonly options: RoomClientOptions) {
    this.clock = new ClockSync(options.tolerances);
    this.now = options.now ?? (() => performance.timeOrigin + performance.now());
    this.resumeToken = options.resumeToken;
  }

  on<K extends keyof RoomClientEvents>(event: K, handler: Handler<K>): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler as (v: never) => void);
    return () => set.delete(handler as (v: never) => void);
  }

  /** Why the room turned this connection away, once it has. */
  get refusal(): Refusal | undefined {
    return this.refusedWith;
  }

  connect(): void {
    const token = this.options.token?.(this.refusedToken);
    if (token instanceof Promise) {
      token.then((t) => this.openAs(t), () => this.openAs(undefined));
    } else {
      this.openAs(token);
    }
  }

  /**
   * After a 4401 (the session ended: signed out here or elsewhere, or the token was refused) there
   * may be no token any more: then the member is signed out, and does not come back as an anonymous
   * stranger under the same name.
   */
  private openAs(token: string | undefined): void {
    if (token === undefined && this.refusedToken !== undefined) {
      this.refuse('signed_out');
      this.setState('closed');
      return;
    }
    this.open(token);
  }

  private open(token: string | undefined): void {
    if (this.closing) return;
    const factory = this.options.socket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    const socket = factory(this.options.url);
    this.socket = socket;
    this.sentToken = token;
    // A server whose address went silent never answers the handshake, and the browser may take minutes
    // to give up: an attempt that has not opened in time is let go and the next one made.
    const openTimer = setTimeout(() => {
      if (this.socket === socket) this.abandon(socket, 'no answer');
    }, CONNECT_TIMEOUT_MS);
    socket.onopen = () => {
      clearTimeout(openTimer);
      this.clock.connected();
      this.send({
        type: 'hello', protocol: PROTOCOL_VERSION, name: this.options.name,
        ...(this.resumeToken ? { resumeToken: this.resumeToken } : {}), ...(token ? { token } : {}),
      });
      this.ping();
    };
    socket.onmessage = (ev) => this.receive(String(ev.data), this.now());
    socket.onclose = (ev) => this.lost(socket, ev.code, ev.reason);
  }

  get localNowMs(): number {
    return this.now();
  }

  /** Add to the local clock for server time (with the acting authority's correction while on the peers). */
  get offsetMs(): number {
    return this.clock.offsetMs + this.clockCorrectionMs;
  }

  /** The room's timeline can be followed: connected, or playing on the peers while the server is lost. */
  get following(): boolean {
    return this.state === 'connected' || this.steering?.onPeers === true;
  }

  get rttMs(): number {
    return this.clock.rttMs;
  }

  get clockUncertaintyMs(): number {
    return this.clock.uncertaintyMs;
  }

  get clockSynced(): boolean {
    return this.clock.synced;
  }

  serverNowMs(): number {
    return this.now() + this.offsetMs;
  }

  /** The server clock estimate without the peers' correction: what a peer's clock sample compares. */
  ownServerNowMs(): number {
    return this.now() + this.clock.offsetMs;
  }

  /** While the server is lost: follow the acting authority's clock (0 to follow one's own estimate again). */
  setClockCorrection(ms: number): void {
    this.clockCorrectionMs = Number.isFinite(ms) ? ms : 0;
  }

  /** Local time of the last pong (0: none yet on any connection). */
  get lastPongAtMs(): number {
    return this.lastPongMs;
  }

  /** Ping at least this often (Infinity: the usual schedule); the next ping comes within it. */
  setPingCeiling(ms: number): void {
    // A lower ceiling pings at once: the ping already scheduled may be a settled clock's 10 s away, and
    // the peers count 4 s without a pong as the server lost.
    const sooner = ms < this.pingCeilingMs && this.pingTimer !== undefined && this.state === 'connected';
    this.pingCeilingMs = ms;
    if (sooner) {
      clearTimeout(this.pingTimer);
      this.ping();
    }
  }

  /**
   * The connection says it is open but no pong came back for `silentMs`: the path to the server is gone
   * (docs/protocol.md 3.3). Let it go and reconnect, without waiting for a close that may never come.
   */
  dropIfSilent(silentMs: number): boolean {
    const socket = this.socket;
    if (!socket || this.state !== 'connected' || this.now() - this.lastPongMs <= silentMs) return false;
    this.abandon(socket, 'no pong');
    return true;
  }

  /** Lets a socket go without waiting for its close (which may never come) and reconnects. */
  private abandon(socket: SocketLike, reason: string): void {
    socket.onopen = null;
    socket.onclose = null;
    socket.onmessage = null;
    try {
      socket.close(CLOSE_NO_PONG, reason);
    } catch {
      // already closing, or never opened
    }
    this.lost(socket, CLOSE_NO_PONG, reason);
  }

  /** A timeline the peers decided: played as it is (the peers' versions are their own). */
  adoptTimeline(timeline: Timeline, cause?: CauseView): void {
    this.timeline = timeline;
    this.emit('timeline', cause ? { timeline, cause } : { timeline });
  }

  /** An error that did not come from the server (the peers' fallback refused an intent). */
  showError(error: ServerError): void {
    this.emit('error', error);
  }

  /** A chat line or a line's state that did not come from the server (the peers' fallback). */
  showChat(event: RoomClientEvents['chat']): void {
    this.emit('chat', event);
  }

  expectedPositionMs(): number {
    return this.timeline ? positionAt(this.timeline, this.serverNowMs()) : 0;
  }

  /** Play, pause, seek, rate and media intents sent so far. */
  get controlIntentsSent(): number {
    return this.intents;
  }

  play(): void {
    this.control({ type: 'play', version: this.version() });
  }

  pause(positionMs?: number): void {
    this.control({ type: 'pause', version: this.version(), ...(positionMs === undefined ? {} : { positionMs: Math.round(positionMs) }) });
  }

  seek(positionMs: number): void {
    this.control({ type: 'seek', version: this.version(), positionMs: Math.max(0, Math.round(positionMs)) });
  }

  setRate(rate: number): void {
    this.control({ type: 'setRate', version: this.version(), rate });
  }

  setMedia(mediaId: string): void {
    this.control({ type: 'setMedia', version: this.version(), mediaId });
  }

  queueAdd(mediaId: string, title?: string): boolean {
    return this.sendIfConnected(title ? { type: 'queueAdd', mediaId, title } : { type: 'queueAdd', mediaId });
  }

  queueRemove(itemId: string): boolean {
    return this.sendIfConnected({ type: 'queueRemove', itemId });
  }

  queueMove(itemId: string, index: number): boolean {
    return this.sendIfConnected({ type: 'queueMove', itemId, index });
  }

  playNext(): boolean {
    return this.sendIfConnected({ type: 'playNext', version: this.version() });
  }

  /** This player reached the end of the room's video: with a queue, tells the room (true). */
  endReached(): boolean {
    const t = this.timeline;
    if (this.queue.length === 0 || !t?.mediaId) return false;
    return this.sendIfConnected({ type: 'ended', version: t.version, mediaId: t.mediaId });
  }

  buffering(): void {
    this.send({ type: 'buffering', version: this.version() });
  }

  ready(): void {
    this.send({ type: 'ready', version: this.version() });
  }

  /** The browser refused to play until the person clicks: everyone is shown so, and the room does not count on us. */
  needsClick(): void {
    this.send({ type: 'needsClick', version: this.version() });
  }

  /** Corrections go only when there are some: a report without them is the common case, and shorter. */
  report(driftMs: number, rttMs: number, corrections: Corrections = { nudges: 0, seeks: 0 }): void {
    const { nudges, seeks } = corrections;
    this.send(nudges > 0 || seeks > 0 ? { type: 'report', driftMs, rttMs, nudges, seeks } : { type: 'report', driftMs, rttMs });
  }

  /** Leaves the room for good. */
  leave(): void {
    this.closing = true;
    clearTimeout(this.pingTimer);
    this.send({ type: 'bye' });
    this.socket?.close(1000, 'bye');
    this.setState('closed');
  }

  private version(): number {
    return this.timeline?.version ?? 0;
  }

  private control(message: ClientMessage): void {
    this.intents++;
    if (this.steering?.intent(message)) return;
    this.send(message);
  }

  /** Sends a hand-back of the peers' timeline (docs/protocol.md 4.12); false when not connected. */
  handBack(message: Extract<ClientMessage, { type: 'handBack' }>): boolean {
    return this.sendIfConnected(message);
  }

  /** Asks the server for a peer credential for `key` (docs/protocol.md 3.13); false when not connected. */
  peerKey(key: string): boolean {
    return this.sendIfConnected({ type: 'peerKey', key });
  }

  /** Sends a chat line with its own name (a line written while the server was lost); false when not connected. */
  sendNamedChat(text: string, lineId: string): boolean {
    return this.sendIfConnected({ type: 'chat', text, lineId, ref: lineId });
  }

  private sendIfConnected(message: ClientMessage): boolean {
    if (this.state !== 'connected') return false;
    this.send(message);
    return true;
  }

  private send(message: ClientMessage): void {
    if (this.state === 'closed' && message.type !== 'bye') return;
    try {
      this.socket?.send(JSON.stringify(message));
    } catch {
      // The socket is closing; the close handler reconnects.
    }
  }

  private ping(): void {
    this.send({ type: 'ping', t0: Math.round(this.now()) });
    this.pingTimer = setTimeout(() => this.ping(), Math.min(this.pingCeilingMs, this.clock.nextPingDelayMs()));
  }

  private receive(text: string, receivedAt: number): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    switch (message.type) {
      case 'pong':
        this.clock.pong(clockSample(message.t0, message.t1, message.t2, receivedAt));
        this.lastPongMs = receivedAt;
        this.emit('pong', receivedAt);
        break;
      case 'joined':
        this.memberId = message.memberId;
        this.resumeToken = message.resumeToken;
        this.room = message.room;
        this.members = message.room.members;
        this.memberCount = message.room.memberCount ?? message.room.members.length;
        this.lastPongMs = Math.max(this.lastPongMs, receivedAt); // the server answers: the silence clock restarts
        const steered = this.steering?.serverTimeline(message.room.timeline, true) ?? 'normal';
        this.attempt = 0;
        this.serverRestarting = false;
        this.unauthorized = 0;
        this.refusedToken = undefined;
        this.setState('connected');
        this.emit('joined', { memberId: message.memberId, resumeToken: message.resumeToken, resumed: message.resumed, room: message.room });
        if (steered !== 'hold') {
          // The joined snapshot is taken as it is (its version may be lower after a server restart).
          this.timeline = message.room.timeline;
          this.emit('timeline', { timeline: message.room.timeline });
        }
        this.emit('presence', this.members);
        this.queue = message.room.queue ?? [];
        this.emit('queue', this.queue);
        this.subtitle = message.room.subtitle ?? null;
        this.emit('subtitle', { track: this.subtitle });
        break;
      case 'timeline':
        this.applyTimeline(message.timeline, message.cause);
        break;
      case 'presence':
        this.members = listWithSelf(message.members, this.memberId, this.members);
        this.memberCount = message.memberCount ?? message.members.length;
        this.emit('presence', this.members);
        break;
      case 'presenceChanges':
        this.members = applyPresenceChanges(this.members, message.members, message.left, message.unlisted, this.memberId);
        this.memberCount = message.memberCount ?? this.members.length;
        this.emit('presence', this.members);
        break;
      case 'settings':
        if (this.room) this.room = { ...this.room, ...message.settings };
        this.emit('settings', message.settings);
        break;
      case 'subtitle':
        this.subtitle = message.track ?? null;
        this.emit('subtitle', message.memberId ? { track: this.subtitle, memberId: message.memberId } : { track: this.subtitle });
        break;
      case 'error':
        const errorSteered = message.timeline && this.steering ? this.steering.serverTimeline(message.timeline, false) : 'normal';
        if (errorSteered !== 'normal') {
          // The peers' fallback decides: a refused hand-back's timeline replaces the peers' (or is held).
          if (errorSteered === 'replace' && message.timeline) this.adoptTimeline(message.timeline);
        } else if (message.code === 'version_from_future' && message.timeline) {
          // Our view is ahead of the room's, so it is wrong: take the room's as it is.
          this.timeline = message.timeline;
          this.emit('timeline', { timeline: message.timeline });
        } else if (message.timeline) {
          this.applyUnsteered(message.timeline, undefined);
        }
        if (REFUSAL_CODES.has(message.code)) this.refuse(message.code as Refusal);
        this.emit('error', { code: message.code, message: message.message, ...(message.ref ? { ref: message.ref } : {}) });
        break;
      case 'bye':
        // The site's administrators closed the room (close 4404 follows): say so rather than "not found".
        if (message.reason === 'closed') this.refuse('closed');
        break;
      case 'notice':
        this.emit('notice', { id: message.id, text: message.text, expiresAtMs: message.expiresAtMs });
        break;
      case 'chat':
        this.emit('chat', { message: message.message });
        break;
      case 'chatHistory':
        this.emit('chat', { history: message.messages, more: message.more });
        break;
      case 'chatDeleted':
        this.emit('chat', { deleted: message.id });
        break;
      case 'chatReactions':
        this.emit('chat', { reactions: { id: message.id, reactions: message.reactions } });
        break;
      case 'queue':
        this.queue = message.items;
        this.emit('queue', this.queue);
        break;
      case 'reaction':
        this.emit('reaction', { memberId: message.memberId, name: message.name, emoji: message.emoji });
        break;
      case 'signal':
        this.emit('signal', message);
        break;
      case 'peerCredential':
        this.emit('peerCredential', message);
        break;
    }
  }

  /** Asks the room to show `track` (a track id of its media) to everyone, or none; false when not connected. */
  chooseSubtitle(track: string | null): boolean {
    return this.sendIfConnected({ type: 'subtitle', track });
  }

  /**
   * Sends a peer-to-peer signal to another member; false when not connected, or when the room lists that member as
   * gone: the server would only answer `not_a_member` (a peer's hang-up to a member who just closed the page showed
   * as "something went wrong"). A member the room does not list is tried.
   */
  signal(message: Omit<SignalOut, 'type'>): boolean {
    if (this.members.some((m) => m.id === message.to && m.connection === 'disconnected')) return false;
    return this.sendIfConnected({ type: 'signal', ...message });
  }

  /** Sends a chat line; false when neither the server nor (while it is lost) the peers took it. */
  sendChat(text: string): boolean {
    if (this.state !== 'connected' && this.steering?.chat(text)) return true;
    return this.sendIfConnected({ type: 'chat', text });
  }

  /** Asks for the page of chat before message `before`. */
  requestChatHistory(before: number): void {
    this.sendIfConnected({ type: 'chatHistory', before });
  }

  /** An emoji on a chat line (on or taken back), or over the video when there is no line. */
  react(emoji: string, messageId?: number, on = true): boolean {
    return this.sendIfConnected(messageId === undefined ? { type: 'react', emoji } : { type: 'react', emoji, messageId, on });
  }

  deleteChat(id: number): void {
    this.sendIfConnected({ type: 'chatDelete', id });
  }

  private applyTimeline(timeline: Timeline, cause: CauseView | undefined): void {
    const steered = this.steering?.serverTimeline(timeline, false) ?? 'normal';
    if (steered === 'hold') return;
    if (steered === 'replace') {
      this.adoptTimeline(timeline, cause);
      return;
    }
    this.applyUnsteered(timeline, cause);
  }

  private applyUnsteered(timeline: Timeline, cause: CauseView | undefined): void {
    if (this.timeline && timeline.version <= this.timeline.version) return;
    this.timeline = timeline;
    this.emit('timeline', cause ? { timeline, cause } : { timeline });
  }

  private lost(socket: SocketLike, code: number, reason: string): void {
    if (socket !== this.socket) return;
    clearTimeout(this.pingTimer);
    this.socket = undefined;
    if (code === CLOSE_UNAUTHORIZED) {
      this.refusedToken = this.sentToken;
      if (++this.unauthorized > MAX_UNAUTHORIZED) code = CLOSE_CODES.PROTOCOL_ERROR; // give up: the page says disconnected
    }
    if (code === CLOSE_KICKED) this.refuse('kicked');
    if (code === CLOSE_BANNED) this.refuse('banned');
    if (this.closing || this.refusedWith || FINAL_CLOSES.has(code)) {
      this.setState('closed');
      if (!this.closing && !this.refusedWith) this.emit('error', { code: `closed_${code}`, message: reason });
      return;
    }
    this.setState('reconnecting');
    if (code === CLOSE_CODES.SERVICE_RESTART) this.serverRestarting = true;
    const backoff = Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(this.attempt, 6));
    const delay = this.serverRestarting ? Math.min(RESTART_RETRY_MS, backoff) : backoff;
    this.attempt++;
    setTimeout(() => this.connect(), delay);
  }

  /** The first refusal counts; the socket is let go, whatever close code follows. */
  private refuse(refusal: Refusal): void {
    if (this.refusedWith) return;
    this.refusedWith = refusal;
    clearTimeout(this.pingTimer);
    this.socket?.close(1000, 'refused');
    this.emit('refused', refusal);
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit('state', state);
  }

  private emit<K extends keyof RoomClientEvents>(event: K, value: RoomClientEvents[K]): void {
    this.handlers.get(event)?.forEach((h) => (h as Handler<K>)(value));
  }
}
