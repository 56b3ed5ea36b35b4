/**
 * Protocol v1 wire types (docs/protocol.md), mirroring protocol/src/main/java/.../ClientMessage.java
 * and ServerMessage.java. A build test checks the message type names against the Java records.
 */
import type { Timeline } from './engine/timeline';

export const PROTOCOL_VERSION = 1;

export type ClientMessage =
  | { type: 'hello'; protocol: number; name: string; resumeToken?: string; token?: string }
  | { type: 'ping'; t0: number }
  | { type: 'play'; version: number; ref?: string }
  | { type: 'pause'; version: number; positionMs?: number; ref?: string }
  | { type: 'seek'; version: number; positionMs: number; ref?: string }
  | { type: 'setRate'; version: number; rate: number; ref?: string }
  | { type: 'setMedia'; version: number; mediaId: string; ref?: string }
  | { type: 'subtitle'; track: string | null; ref?: string }
  | { type: 'buffering'; version: number; ref?: string }
  | { type: 'ready'; version: number; ref?: string }
  | { type: 'needsClick'; version: number; ref?: string }
  | { type: 'report'; driftMs: number; rttMs: number; nudges?: number; seeks?: number; soundDelayMs?: number }
  | { type: 'bye' }
  | { type: 'chat'; text: string; ref?: string; lineId?: string }
  | { type: 'chatHistory'; before?: number }
  | { type: 'chatDelete'; id: number; ref?: string }
  | { type: 'react'; emoji: string; messageId?: number; on?: boolean; ref?: string }
  | { type: 'queueAdd'; mediaId: string; title?: string; ref?: string }
  | { type: 'queueRemove'; itemId: string; ref?: string }
  | { type: 'queueMove'; itemId: string; index: number; ref?: string }
  | { type: 'playNext'; version: number; ref?: string }
  | { type: 'ended'; version: number; mediaId: string; ref?: string }
  /** A peer-to-peer signal for member `to` of the room (docs/protocol.md 3.11); the payload is opaque to the server. */
  | { type: 'signal'; to: string; session: string; purpose: string; kind: SignalKind; payload?: string; ref?: string }
  | { type: 'handBack'; version: number; mediaId: string; state: 'paused' | 'playing'; anchorPositionMs: number; anchorTimeMs: number; rate: number; ref?: string }
  /** Asks for a peer credential for this page's public key (docs/protocol.md 3.13). */
  | { type: 'peerKey'; key: string };

/** Kinds of a peer-to-peer signal (protocol/.../Signals.java). */
export type SignalKind = 'offer' | 'answer' | 'candidate' | 'refuse' | 'hangup';
export type SignalOut = Extract<ClientMessage, { type: 'signal' }>;
/** A member's signal relayed to this one: `from` and `name` are set by the server. */
export type SignalIn = Extract<ServerMessage, { type: 'signal' }>;

export type Role = 'host' | 'owner' | 'moderator' | 'member' | 'guest';
export type Readiness = 'ready' | 'buffering' | 'catchingUp' | 'needsClick';

/**
 * The member list after `presenceChanges`: replaced entries keep their place, new ones go at the
 * end (members are listed in joining order), those that left are dropped, and so are those no
 * longer listed (a room of more than 100 lists only some) but for the client's own entry.
 */
export function applyPresenceChanges(members: readonly MemberView[], changed: readonly MemberView[], left: readonly string[],
  unlisted: readonly string[] = [], selfId?: string): MemberView[] {
  const gone = new Set(left);
  for (const id of unlisted) if (id !== selfId) gone.add(id);
  const byId = new Map(changed.map((m) => [m.id, m]));
  const next: MemberView[] = [];
  for (const m of members) {
    if (gone.has(m.id)) continue;
    const replacement = byId.get(m.id);
    next.push(replacement ?? m);
    byId.delete(m.id);
  }
  for (const m of byId.values()) {
    if (!gone.has(m.id)) next.push(m);
  }
  return next;
}

/** The member list after a whole `presence`: the listed members, and the client's own entry if not listed. */
export function listWithSelf(listed: readonly MemberView[], selfId: string | undefined, before: readonly MemberView[]): MemberView[] {
  if (selfId === undefined || listed.some((m) => m.id === selfId)) return [...listed];
  const self = before.find((m) => m.id === selfId);
  return self ? [...listed, self] : [...listed];
}

export interface MemberView {
  id: string;
  name: string;
  /** The identity behind the member, when it joined with a token. */
  userId?: string;
  role: Role;
  connection: 'connected' | 'disconnected';
  readiness: Readiness;
  driftMs?: number;
  rttMs?: number;
  /** The kind of client when it is not one of Cowatch's own apps: `syncplay` (through the server's Syncplay endpoint). */
  client?: string;
  /** How much later this viewer hears the film than their picture shows (their player runs that far ahead); absent: none. */
  soundDelayMs?: number;
}

/** A room's settings, as `joined` and `settings` messages carry them. */
export interface SettingsView {
  name: string;
  visibility?: 'public' | 'unlisted' | 'private';
  passwordProtected?: boolean;
  guestsAllowed?: boolean;
  controlMode: 'everyone' | 'moderators' | 'hostOnly';
  bufferingPolicy: 'waitForAll' | 'neverWait';
  bufferWaitTimeoutMs: number;
  maxMembers: number;
}

export interface RoomView {
  id: string;
  name: string;
  visibility?: 'public' | 'unlisted' | 'private';
  passwordProtected?: boolean;
  guestsAllowed?: boolean;
  ownerId?: string;
  /** 'hostOnly' before roles; 'moderators' with them. */
  controlMode: 'everyone' | 'moderators' | 'hostOnly';
  bufferingPolicy: 'waitForAll' | 'neverWait';
  bufferWaitTimeoutMs: number;
  maxMembers: number;
  timeline: Timeline;
  /** As listed in presence, with the joiner's own entry (everyone in a room of up to 100). */
  members: MemberView[];
  /** Every member, listed or not (absent from older servers, which listed everyone). */
  memberCount?: number;
  /** The subtitle track everyone is shown (a track id of the media); absent for none. */
  subtitle?: string | null;
  /** The videos to play next, in order (absent from older servers). */
  queue?: QueueItemView[];
}

export interface CauseView {
  memberId?: string;
  /** The member's display name (absent from older servers and when the room decided by itself). */
  name?: string;
  intent: 'play' | 'pause' | 'seek' | 'setRate' | 'setMedia' | 'buffering' | 'needsClick' | 'ready' | 'waitTimeout' | 'schedule' | 'next' | 'handBack';
}

export type ServerMessage =
  | { type: 'joined'; memberId: string; resumeToken: string; resumed: boolean; room: RoomView; serverTimeMs: number }
  | { type: 'timeline'; timeline: Timeline; cause: CauseView }
  | { type: 'subtitle'; track: string | null; memberId?: string }
  /** The listed members (all of them in a room of up to 100) and the count of every member. */
  | { type: 'presence'; members: MemberView[]; memberCount?: number }
  /**
   * Changes to the member list last received: entries to add or replace (by id), ids gone, ids
   * still in the room but no longer listed. Sent to one member alone: its own entry.
   */
  | { type: 'presenceChanges'; members: MemberView[]; left: string[]; unlisted?: string[]; memberCount?: number }
  | { type: 'settings'; settings: SettingsView }
  | { type: 'pong'; t0: number; t1: number; t2: number }
  | { type: 'error'; code: ErrorCode; message: string; ref?: string; timeline?: Timeline }
  | { type: 'bye'; reason: string }
  | { type: 'chat'; message: ChatView }
  | { type: 'chatHistory'; messages: ChatView[]; more: boolean }
  | { type: 'chatDeleted'; id: number }
  | { type: 'chatReactions'; id: number; reactions: Reactions }
  /** The room's chat settings, after a join's history (when not the defaults) and whenever staff change them. */
  | { type: 'chatSettings'; slowModeSeconds: number }
  /** In a room of more than 50, lines one node stored over windowMs but did not send everyone (too many to read). */
  | { type: 'chatSkipped'; count: number; windowMs: number }
  | { type: 'reaction'; memberId: string; name: string; emoji: string }
  /** A big room's emoji over the video, counted on one node over windowMs (docs/protocol.md 3.8). */
  | { type: 'reactions'; counts: Record<string, number>; windowMs: number }
  | { type: 'queue'; items: QueueItemView[]; memberId?: string }
  | { type: 'signal'; from: string; name: string; session: string; purpose: string; kind: SignalKind; payload?: string }
  /** A notice of the site's administrators (docs/protocol.md 3.12); an expiry in the past takes it down. */
  | { type: 'notice'; id: string; text: string; expiresAtMs: number }
  /** The answer to peerKey: the credential's text, the server's signature of it, the server's key (docs/protocol.md 3.13). */
  | { type: 'peerCredential'; credential: string; signature: string; serverKey: string };

/** A video waiting in the room's queue. */
export interface QueueItemView {
  id: string;
  mediaId: string;
  title: string;
}

/** Emoji to the user ids that chose it. */
export type Reactions = Record<string, string[]>;

/** What a system line reports; clients word it themselves (docs/protocol.md 3.8). */
export interface ChatEventView {
  type: 'joined' | 'left' | 'play' | 'pause' | 'seek' | 'setMedia' | 'schedule' | 'muted' | 'unmuted';
  name: string;
  positionMs?: number;
}

/** A chat line: `text` is plain text and is only ever put into the page as text. */
export interface ChatView {
  id: number;
  memberId: string;
  userId: string;
  name: string;
  text: string;
  atMs: number;
  /** 'system' lines report what happened (event); absent from older servers: 'user'. */
  kind?: 'user' | 'system';
  event?: ChatEventView | null;
  reactions?: Reactions;
  /** The sender's own name for the line, when it gave one: how the author knows its line arrived. */
  lineId?: string;
}

export const CLIENT_MESSAGE_TYPES: readonly ClientMessage['type'][] = [
  'subtitle',
  'hello', 'ping', 'play', 'pause', 'seek', 'setRate', 'setMedia', 'buffering', 'ready', 'needsClick', 'report', 'bye',
  'chat', 'chatHistory', 'chatDelete', 'react', 'queueAdd', 'queueRemove', 'queueMove', 'playNext', 'ended',
  'signal', 'handBack', 'peerKey',
];

export const SERVER_MESSAGE_TYPES: readonly ServerMessage['type'][] = [
  'subtitle',
  'joined', 'timeline', 'presence', 'presenceChanges', 'settings', 'pong', 'error', 'bye', 'chat', 'chatHistory', 'chatSettings',
  'chatSkipped', 'chatDeleted', 'chatReactions', 'reaction', 'reactions', 'queue', 'signal', 'notice', 'peerCredential',
];

/**
 * The codes of `error` messages (protocol/.../WireError.java, docs/protocol.md §11); WebContractTest
 * keeps this list equal to the Java enum, and the type makes the compiler refuse a code the server
 * never sends.
 */
export const ERROR_CODES = [
  'malformed_json', 'unknown_type', 'invalid_field', 'hello_required', 'already_joined', 'unsupported_protocol',
  'room_not_found', 'rate_limited', 'conflict', 'version_from_future', 'not_allowed', 'banned', 'password_required',
  'invite_required', 'guests_not_allowed', 'unknown_user', 'unauthorized', 'not_a_member', 'room_full', 'no_media',
  'media_not_found', 'invalid_argument', 'unavailable', 'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * WebSocket close codes, named as in protocol/.../CloseCodes.java (docs/protocol.md §12); WebContractTest
 * keeps the names, values and the final set equal to the Java originals.
 */
export const CLOSE_CODES = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  MESSAGE_TOO_BIG: 1009,
  SERVICE_RESTART: 1012,
  TRY_AGAIN_LATER: 1013,
  PROTOCOL_ERROR: 4000,
  HEARTBEAT_TIMEOUT: 4001,
  SLOW_CONSUMER: 4002,
  FLOOD: 4003,
  REPLACED: 4004,
  ROOM_FULL: 4005,
  KICKED: 4006,
  BANNED: 4007,
  UNAUTHORIZED: 4401,
  FORBIDDEN: 4403,
  ROOM_NOT_FOUND: 4404,
} as const;

/**
 * Closes after which reconnecting cannot help (CloseCodes.FINAL). 4401 is not among them: the web app
 * gets a new access token and tries again (roomClient.ts).
 */
export const FINAL_CLOSES: ReadonlySet<number> = new Set([
  CLOSE_CODES.NORMAL, CLOSE_CODES.PROTOCOL_ERROR, CLOSE_CODES.FLOOD, CLOSE_CODES.REPLACED, CLOSE_CODES.ROOM_FULL,
  CLOSE_CODES.KICKED, CLOSE_CODES.BANNED, CLOSE_CODES.FORBIDDEN, CLOSE_CODES.ROOM_NOT_FOUND,
]);
