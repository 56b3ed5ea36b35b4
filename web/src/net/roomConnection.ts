/**
 * What a room connection offers and needs (RoomClient, net/roomClient.ts): its events, its options,
 * the socket it uses, the close codes and refusals it tells apart, and the port through which the
 * peers' fallback steers it. Kept apart so the pieces that only listen or steer import no behaviour.
 */
import type { Timeline } from '../engine/timeline';
import type { Tolerances } from '../engine/tolerances';
import {
  CLOSE_CODES,
  type CauseView,
  type ChatView,
  type ClientMessage,
  type ErrorCode,
  type MemberView,
  type QueueItemView,
  type Reactions,
  type RoomView,
  type ServerMessage,
  type SettingsView,
  type SignalIn,
} from '../protocol';

/** The part of a WebSocket the client uses; injected so tests can use a fake. */
export interface SocketLike {
  send(text: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
}

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface ServerError {
  code: string;
  message: string;
  /** The refused message's ref, when it had one. */
  ref?: string;
}

/**
 * Why the room will not have this connection: refused at hello (docs/api.md, WebSocket), or
 * closed by a moderator (4006 kicked, 4007 banned). Reconnecting cannot help.
 */
export type Refusal = 'password_required' | 'invite_required' | 'guests_not_allowed' | 'banned' | 'kicked' | 'signed_out'
  | 'closed';

export const REFUSAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['password_required', 'invite_required', 'guests_not_allowed', 'banned']);
export const CLOSE_KICKED = CLOSE_CODES.KICKED;
export const CLOSE_BANNED = CLOSE_CODES.BANNED;
/** The token in hello was refused (expired or revoked): the next connect asks for a fresh one. */
export const CLOSE_UNAUTHORIZED = CLOSE_CODES.UNAUTHORIZED;
/** Refused by the room's rules; an error with the reason comes first. */
export const CLOSE_FORBIDDEN = CLOSE_CODES.FORBIDDEN;
/** Unauthorized closes in a row after which a fresh token is not expected to help. */
export const MAX_UNAUTHORIZED = 2;

export interface RoomClientEvents {
  refused: Refusal;
  joined: { memberId: string; resumeToken: string; resumed: boolean; room: RoomView };
  timeline: { timeline: Timeline; cause?: CauseView };
  presence: MemberView[];
  /** The room's settings changed (by an owner or moderator). */
  settings: SettingsView;
  /** The room's subtitle track (null: none), at join and whenever someone changes it. */
  subtitle: { track: string | null; memberId?: string };
  error: ServerError;
  state: ConnectionState;
  /** A new chat line, a page of history (oldest first), a deleted line's id, or a line's new reactions. */
  chat: { message: ChatView } | { history: ChatView[]; more: boolean } | { deleted: number }
    | { reactions: { id: number; reactions: Reactions } }
    /** A line written while the server was lost: not yet in the room's history, or refused by it. */
    | { lineStatus: { lineId: string; status: 'pending' | 'failed'; reason?: string } };
  /** The room's queue, at join and whenever it changes. */
  queue: QueueItemView[];
  /** Someone sent an emoji over the video. */
  reaction: { memberId: string; name: string; emoji: string };
  /** Another member's peer-to-peer signal for this one (docs/protocol.md, "Peer-to-peer signaling"). */
  signal: SignalIn;
  /** A notice of the site's administrators; an expiry in the past takes it down. */
  notice: { id: string; text: string; expiresAtMs: number };
  /** A pong arrived (the server answers): the peers' fallback watches these. */
  pong: number;
  /** The server's answer to peerKey: this member's peer credential (docs/protocol.md 3.13). */
  peerCredential: Extract<ServerMessage, { type: 'peerCredential' }>;
}

/**
 * How the peers' fallback (docs/protocol.md 3.12, `p2p/peerSync.ts`) steers this client while the
 * server is lost or being handed back to: which server timelines to apply, where intents and chat go.
 */
export interface PeerSteering {
  /** The member plays on its peers' timeline now (the server is lost or being handed back to). */
  readonly onPeers: boolean;
  /** What to do with a timeline from the server; `joined` for the one a (re)join carries. */
  serverTimeline(t: Timeline, joined: boolean): 'normal' | 'replace' | 'hold';
  /** A control intent while the server is lost: true when the peers took it (else it goes to the server). */
  intent(message: ClientMessage): boolean;
  /** A chat line while the server is lost: true when the peers took it. */
  chat(text: string): boolean;
}

export interface RoomClientOptions {
  url: string;
  name: string;
  tolerances: Tolerances;
  resumeToken?: string;
  /**
   * The access token for hello, asked again on every (re)connect so a refreshed one is used.
   * `refused` is the token the server just turned away (close 4401): get a new one, not that.
   */
  token?: (refused?: string) => string | undefined | Promise<string | undefined>;
  socket?: (url: string) => SocketLike;
  /** Local clock, epoch ms with sub-ms precision. */
  now?: () => number;
}
