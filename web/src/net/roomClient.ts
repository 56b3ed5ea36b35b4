import type { Corrections } from '../engine/healthReporting';
import { positionAt, type Timeline } from '../engine/timeline';
import type { Tolerances } from '../engine/tolerances';
import { SteeringSeat, type PeerSteering } from '../p2p/peerSteering';
import type { CauseView, ClientMessage, MemberView, QueueItemView, RoomView, SignalOut } from '../protocol';
import { RoomClock } from './roomClock';
import { RoomConnection, type ConnectionOptions } from './roomConnection';
import { RoomListeners, type ConnectionState, type Refusal, type RoomClientEvents, type ServerError } from './roomEvents';
import { RoomInbound } from './roomInbound';
import { RoomState } from './roomState';

export * from './roomConnection';
export * from './roomEvents';

export interface RoomClientOptions extends ConnectionOptions {
  tolerances: Tolerances;
  /** Local clock, epoch ms with sub-ms precision. */
  now?: () => number;
}

/**
 * One member's connection to a room. What it knows of the room is read-only to its users: only the
 * server's messages and the peers' timelines (`adoptTimeline`) change it, through RoomState.apply.
 * A façade, as the page and the extension use it, over RoomConnection (socket, hello, reconnect,
 * refusals), RoomClock (clock sync, the heartbeat), RoomState, RoomInbound (which part a message
 * concerns) and the peers' fallback's SteeringSeat (p2p/peerSteering.ts). The twin of client-java's
 * CowatchClient.
 */
export class RoomClient {
  private readonly listeners = new RoomListeners();
  private readonly steering = new SteeringSeat();
  private readonly roomState = new RoomState((t, joined) => this.steering.serverTimeline(t, joined));
  private readonly connection: RoomConnection;
  private readonly clock: RoomClock;
  private readonly inbound: RoomInbound;
  private intents = 0;

  constructor(options: RoomClientOptions) {
    this.connection = new RoomConnection(options, this.listeners, {
      text: (text) => this.inbound.text(text, this.clock.now()),
      opened: () => this.clock.start(),
      quiet: () => this.clock.stop(),
    });
    const connection = this.connection;
    this.clock = new RoomClock(options.tolerances, options.now ?? (() => performance.timeOrigin + performance.now()), {
      send: (message) => connection.send(message),
      get connected() {
        return connection.state === 'connected';
      },
    });
    this.inbound = new RoomInbound(this.clock, this.roomState, this.connection, this.listeners);
  }

  on<K extends keyof RoomClientEvents>(event: K, handler: (value: RoomClientEvents[K]) => void): () => void {
    return this.listeners.on(event, handler);
  }

  connect(): void {
    this.connection.connect();
  }

  // ---- the room, read-only (RoomState) ---------------------------------------------------------

  get timeline(): Timeline | undefined {
    return this.roomState.timeline;
  }

  /** The members the room lists (its owner, moderators and those not ready above 100) and this client's own. */
  get members(): readonly MemberView[] {
    return this.roomState.members;
  }

  /** Every member of the room, listed or not. */
  get memberCount(): number {
    return this.roomState.memberCount;
  }

  get room(): RoomView | undefined {
    return this.roomState.room;
  }

  /** The videos to play next, in order. */
  get queue(): readonly QueueItemView[] {
    return this.roomState.queue;
  }

  /** The subtitle track the room shows everyone; null for none. */
  get subtitle(): string | null {
    return this.roomState.subtitle;
  }

  get memberId(): string | undefined {
    return this.roomState.memberId;
  }

  // ---- the connection --------------------------------------------------------------------------

  get state(): ConnectionState {
    return this.connection.state;
  }

  get resumeToken(): string | undefined {
    return this.connection.resumeToken;
  }

  /** Why the room turned this connection away, once it has. */
  get refusal(): Refusal | undefined {
    return this.connection.refusal;
  }

  /** The room's timeline can be followed: connected, or playing on the peers while the server is lost. */
  get following(): boolean {
    return this.state === 'connected' || this.steering.onPeers;
  }

  // ---- the clock -------------------------------------------------------------------------------

  get localNowMs(): number {
    return this.clock.now();
  }

  /** Add to the local clock for server time (with the acting authority's correction while on the peers). */
  get offsetMs(): number {
    return this.clock.offsetMs;
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
    return this.clock.now() + this.clock.offsetMs;
  }

  /** The server clock estimate without the peers' correction: what a peer's clock sample compares. */
  ownServerNowMs(): number {
    return this.clock.now() + this.clock.ownOffsetMs;
  }

  /** Local time of the last pong (0: none yet on any connection). */
  get lastPongAtMs(): number {
    return this.clock.lastPongAtMs;
  }

  expectedPositionMs(): number {
    const t = this.timeline;
    return t ? positionAt(t, this.serverNowMs()) : 0;
  }

  // ---- for the peers' fallback (p2p/peerSync.ts, docs/protocol.md 3.12) --------------------------

  /** Hands the choice of server timelines, intents and chat to `steering`; the returned function takes it back. */
  steer(steering: PeerSteering): () => void {
    return this.steering.take(steering);
  }

  /** While the server is lost: follow the acting authority's clock (0 to follow one's own estimate again). */
  setClockCorrection(ms: number): void {
    this.clock.setCorrection(ms);
  }

  /** Ping at least this often (Infinity: the usual schedule); the next ping comes within it. */
  setPingCeiling(ms: number): void {
    this.clock.setPingCeiling(ms);
  }

  /**
   * The connection says it is open but no pong came back for `silentMs`: the path to the server is gone
   * (docs/protocol.md 3.3). Let it go and reconnect, without waiting for a close that may never come.
   */
  dropIfSilent(silentMs: number): boolean {
    return this.clock.silentForMs() > silentMs && this.connection.dropConnected('no pong');
  }

  /** A timeline the peers decided: played as it is (the peers' versions are their own). */
  adoptTimeline(timeline: Timeline, cause?: CauseView): void {
    this.listeners.emitAll(this.roomState.apply(cause ? { type: 'peerTimeline', timeline, cause } : { type: 'peerTimeline', timeline }));
  }

  /** An error that did not come from the server (the peers' fallback refused an intent). */
  showError(error: ServerError): void {
    this.listeners.emit('error', error);
  }

  /** A chat line or a line's state that did not come from the server (the peers' fallback). */
  showChat(event: RoomClientEvents['chat']): void {
    this.listeners.emit('chat', event);
  }

  /** Sends a hand-back of the peers' timeline (docs/protocol.md 4.12); false when not connected. */
  handBack(message: Extract<ClientMessage, { type: 'handBack' }>): boolean {
    return this.connection.sendIfConnected(message);
  }

  /** Asks the server for a peer credential for `key` (docs/protocol.md 3.13); false when not connected. */
  peerKey(key: string): boolean {
    return this.connection.sendIfConnected({ type: 'peerKey', key });
  }

  /** Sends a chat line with its own name (a line written while the server was lost); false when not connected. */
  sendNamedChat(text: string, lineId: string): boolean {
    return this.connection.sendIfConnected({ type: 'chat', text, lineId, ref: lineId });
  }

  // ---- what this member asks of the room ---------------------------------------------------------

  /** Play, pause, seek, rate and media intents sent so far (counted whether or not a connection or the peers took them). */
  get controlIntentsSent(): number {
    return this.intents;
  }

  play(): void {
    this.control({ type: 'play', version: this.roomState.version });
  }

  pause(positionMs?: number): void {
    this.control({ type: 'pause', version: this.roomState.version, ...(positionMs === undefined ? {} : { positionMs: Math.round(positionMs) }) });
  }

  seek(positionMs: number): void {
    this.control({ type: 'seek', version: this.roomState.version, positionMs: Math.max(0, Math.round(positionMs)) });
  }

  setRate(rate: number): void {
    this.control({ type: 'setRate', version: this.roomState.version, rate });
  }

  setMedia(mediaId: string): void {
    this.control({ type: 'setMedia', version: this.roomState.version, mediaId });
  }

  queueAdd(mediaId: string, title?: string): boolean {
    return this.connection.sendIfConnected(title ? { type: 'queueAdd', mediaId, title } : { type: 'queueAdd', mediaId });
  }

  queueRemove(itemId: string): boolean {
    return this.connection.sendIfConnected({ type: 'queueRemove', itemId });
  }

  queueMove(itemId: string, index: number): boolean {
    return this.connection.sendIfConnected({ type: 'queueMove', itemId, index });
  }

  playNext(): boolean {
    return this.connection.sendIfConnected({ type: 'playNext', version: this.roomState.version });
  }

  /** This player reached the end of the room's video: with a queue, tells the room (true). */
  endReached(): boolean {
    const t = this.timeline;
    if (this.queue.length === 0 || !t?.mediaId) return false;
    return this.connection.sendIfConnected({ type: 'ended', version: t.version, mediaId: t.mediaId });
  }

  buffering(): void {
    this.connection.send({ type: 'buffering', version: this.roomState.version });
  }

  ready(): void {
    this.connection.send({ type: 'ready', version: this.roomState.version });
  }

  /** The browser refused to play until the person clicks: everyone is shown so, and the room does not count on us. */
  needsClick(): void {
    this.connection.send({ type: 'needsClick', version: this.roomState.version });
  }

  /**
   * Corrections and a sound delay go only when there are some: a report without them is the common case, and
   * shorter (an absent sound delay is none).
   */
  report(driftMs: number, rttMs: number, corrections: Corrections = { nudges: 0, seeks: 0 }, soundDelayMs = 0): void {
    const { nudges, seeks } = corrections;
    this.connection.send({
      type: 'report', driftMs, rttMs,
      ...(nudges > 0 || seeks > 0 ? { nudges, seeks } : {}),
      ...(soundDelayMs !== 0 ? { soundDelayMs } : {}),
    });
  }

  /** Asks the room to show `track` (a track id of its media) to everyone, or none; false when not connected. */
  chooseSubtitle(track: string | null): boolean {
    return this.connection.sendIfConnected({ type: 'subtitle', track });
  }

  /**
   * Sends a peer-to-peer signal to another member; false when not connected, or when the room lists that member as
   * gone: the server would only answer `not_a_member` (a peer's hang-up to a member who just closed the page showed
   * as "something went wrong"). A member the room does not list is tried.
   */
  signal(message: Omit<SignalOut, 'type'>): boolean {
    if (this.members.some((m) => m.id === message.to && m.connection === 'disconnected')) return false;
    return this.connection.sendIfConnected({ type: 'signal', ...message });
  }

  /** Sends a chat line; false when neither the server nor (while it is lost) the peers took it. */
  sendChat(text: string): boolean {
    if (this.state !== 'connected' && this.steering.chat(text)) return true;
    return this.connection.sendIfConnected({ type: 'chat', text });
  }

  /** Asks for the page of chat before message `before`. */
  requestChatHistory(before: number): void {
    this.connection.sendIfConnected({ type: 'chatHistory', before });
  }

  /** An emoji on a chat line (on or taken back), or over the video when there is no line. */
  react(emoji: string, messageId?: number, on = true): boolean {
    return this.connection.sendIfConnected(messageId === undefined ? { type: 'react', emoji } : { type: 'react', emoji, messageId, on });
  }

  deleteChat(id: number): void {
    this.connection.sendIfConnected({ type: 'chatDelete', id });
  }

  /** Leaves the room for good. */
  leave(): void {
    this.connection.leave();
  }

  /** While the room plays on its peers an intent goes to them (the steering) instead of the server. */
  private control(message: ClientMessage): void {
    this.intents++;
    if (this.steering.intent(message)) return;
    this.connection.send(message);
  }
}
