/**
 * What a room client tells its listeners (RoomClient, net/roomClient.ts), and the small registry that
 * tells them. Kept apart so the pieces that only listen import no behaviour.
 */
import type { Timeline } from '../engine/timeline';
import type {
  CauseView,
  ChatView,
  MemberView,
  QueueItemView,
  Reactions,
  RoomView,
  ServerMessage,
  SettingsView,
  SignalIn,
} from '../protocol';

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

export interface RoomClientEvents {
  refused: Refusal;
  joined: { memberId: string; resumeToken: string; resumed: boolean; room: RoomView };
  timeline: { timeline: Timeline; cause?: CauseView };
  presence: readonly MemberView[];
  /** The room's settings changed (by an owner or moderator). */
  settings: SettingsView;
  /** The room's subtitle track (null: none), at join and whenever someone changes it. */
  subtitle: { track: string | null; memberId?: string };
  error: ServerError;
  state: ConnectionState;
  /** A new chat line, a page of history (oldest first), a deleted line's id, or a line's new reactions. */
  chat: { message: ChatView } | { history: ChatView[]; more: boolean } | { deleted: number }
    | { reactions: { id: number; reactions: Reactions } }
    /** The room's slow mode: one line per this many seconds for each writer but its staff (0: off). */
    | { slowModeSeconds: number }
    /** Lines a big room's server stored but did not send everyone over windowMs (too many to read). */
    | { skipped: number; windowMs: number }
    /** A line written while the server was lost: not yet in the room's history, or refused by it. */
    | { lineStatus: { lineId: string; status: 'pending' | 'failed'; reason?: string } };
  /** The room's queue, at join and whenever it changes. */
  queue: readonly QueueItemView[];
  /** Someone sent an emoji over the video. */
  reaction: { memberId: string; name: string; emoji: string };
  /** A big room's emoji over the video in the last second, counted (no names). */
  reactions: { counts: Record<string, number>; windowMs: number };
  /** Another member's peer-to-peer signal for this one (docs/protocol.md, "Peer-to-peer signaling"). */
  signal: SignalIn;
  /** A notice of the site's administrators; an expiry in the past takes it down. */
  notice: { id: string; text: string; expiresAtMs: number };
  /** A pong arrived (the server answers): the peers' fallback watches these. */
  pong: number;
  /** The server's answer to peerKey: this member's peer credential (docs/protocol.md 3.13). */
  peerCredential: Extract<ServerMessage, { type: 'peerCredential' }>;
}

/** One event to tell, with its value: what the room state's `apply` hands back. */
export type RoomEvent = { [K in keyof RoomClientEvents]: { event: K; value: RoomClientEvents[K] } }[keyof RoomClientEvents];

type Handler<K extends keyof RoomClientEvents> = (value: RoomClientEvents[K]) => void;

/** The listeners of one client, called in the order they registered, on the caller's stack. */
export class RoomListeners {
  private readonly handlers = new Map<keyof RoomClientEvents, Set<(v: never) => void>>();

  on<K extends keyof RoomClientEvents>(event: K, handler: Handler<K>): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler as (v: never) => void);
    return () => set.delete(handler as (v: never) => void);
  }

  emit<K extends keyof RoomClientEvents>(event: K, value: RoomClientEvents[K]): void {
    this.handlers.get(event)?.forEach((h) => (h as Handler<K>)(value));
  }

  /** Tells each event in turn. */
  emitAll(events: readonly RoomEvent[]): void {
    for (const e of events) this.emit(e.event, e.value as never);
  }
}
