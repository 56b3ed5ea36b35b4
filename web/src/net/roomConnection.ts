/**
 * The link to one room: one socket at a time, hello (with the resume token once the room gave one and
 * the access token asked afresh), and after a drop a reconnect with backoff until left, refused or told
 * the close is final. It knows nothing of the room's state or the clock: what arrives goes to `text`.
 * The twin of client-java's RoomConnection.
 */
import { CLOSE_CODES, FINAL_CLOSES, PROTOCOL_VERSION, type ClientMessage, type ErrorCode } from '../protocol';
import type { ConnectionState, Refusal, RoomListeners } from './roomEvents';

/** The part of a WebSocket the client uses; injected so tests can use a fake. */
export interface SocketLike {
  send(text: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
}

export const REFUSAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['password_required', 'invite_required', 'guests_not_allowed', 'banned']);
export const CLOSE_KICKED = CLOSE_CODES.KICKED;
export const CLOSE_BANNED = CLOSE_CODES.BANNED;
/** The token in hello was refused (expired or revoked): the next connect asks for a fresh one. */
export const CLOSE_UNAUTHORIZED = CLOSE_CODES.UNAUTHORIZED;
/** Refused by the room's rules; an error with the reason comes first. */
export const CLOSE_FORBIDDEN = CLOSE_CODES.FORBIDDEN;
/** Unauthorized closes in a row after which a fresh token is not expected to help. */
export const MAX_UNAUTHORIZED = 2;

const MAX_BACKOFF_MS = 5_000;
/** This client's own close of a connection on which no pong came back (not a server close code). */
const CLOSE_NO_PONG = 3_000;
/** A connection attempt that has not opened in this long is given up (the server's address went silent). */
const CONNECT_TIMEOUT_MS = 5_000;
/** After the server said it restarts (1012), retries come this often until one joins (CloseCodes.SERVICE_RESTART). */
const RESTART_RETRY_MS = 250;

export interface ConnectionOptions {
  url: string;
  name: string;
  resumeToken?: string;
  /**
   * The access token for hello, asked again on every (re)connect so a refreshed one is used.
   * `refused` is the token the server just turned away (close 4401): get a new one, not that.
   */
  token?: (refused?: string) => string | undefined | Promise<string | undefined>;
  socket?: (url: string) => SocketLike;
}

/** What the rest of the client hears of the link, besides the state, refusal and close events it tells the listeners. */
export interface ConnectionPort {
  /** A message from the room, as it came. */
  text(text: string): void;
  /** Hello went out on a new socket. */
  opened(): void;
  /** The socket is gone or refused: nothing more is to be sent on it (pings stop). */
  quiet(): void;
}

export class RoomConnection {
  private socket: SocketLike | undefined;
  private attempt = 0;
  /** The server closed with 1012 since the last join: retry quickly, it is back within seconds. */
  private serverRestarting = false;
  private closing = false;
  private refusedWith: Refusal | undefined;
  private sentToken: string | undefined;
  private refusedToken: string | undefined;
  private unauthorized = 0;
  private token: string | undefined;
  private current: ConnectionState = 'connecting';

  constructor(private readonly options: ConnectionOptions, private readonly listeners: RoomListeners,
    private readonly port: ConnectionPort) {
    this.token = options.resumeToken;
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** The token the last hello resumed with, or the room's last `joined` gave. */
  get resumeToken(): string | undefined {
    return this.token;
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

  /** The room answered hello: its token resumes next time, and the backoff and the token's refusals start over. */
  joined(resumeToken: string): void {
    this.token = resumeToken;
    this.attempt = 0;
    this.serverRestarting = false;
    this.unauthorized = 0;
    this.refusedToken = undefined;
    this.setState('connected');
  }

  /** Sends when connected; false otherwise (nothing is queued). */
  sendIfConnected(message: ClientMessage): boolean {
    if (this.current !== 'connected') return false;
    this.send(message);
    return true;
  }

  /** Sends on the socket there is, connected or not; nothing after the client closed but its bye. */
  send(message: ClientMessage): void {
    if (this.current === 'closed' && message.type !== 'bye') return;
    try {
      this.socket?.send(JSON.stringify(message));
    } catch {
      // The socket is closing; the close handler reconnects.
    }
  }

  /**
   * Lets a connected socket go without waiting for its close (which may never come: the path to the
   * server is gone, docs/protocol.md 3.3) and reconnects; false when there is none connected.
   */
  dropConnected(reason: string): boolean {
    const socket = this.socket;
    if (!socket || this.current !== 'connected') return false;
    this.abandon(socket, reason);
    return true;
  }

  /** Leaves the room for good: bye, close, and no reconnect. */
  leave(): void {
    this.closing = true;
    this.port.quiet();
    this.send({ type: 'bye' });
    this.socket?.close(1000, 'bye');
    this.setState('closed');
  }

  /** The first refusal counts; the socket is let go, whatever close code follows. */
  refuse(refusal: Refusal): void {
    if (this.refusedWith) return;
    this.refusedWith = refusal;
    this.port.quiet();
    this.socket?.close(1000, 'refused');
    this.listeners.emit('refused', refusal);
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
      this.send({
        type: 'hello', protocol: PROTOCOL_VERSION, name: this.options.name,
        ...(this.token ? { resumeToken: this.token } : {}), ...(token ? { token } : {}),
      });
      this.port.opened();
    };
    socket.onmessage = (ev) => this.port.text(String(ev.data));
    socket.onclose = (ev) => this.lost(socket, ev.code, ev.reason);
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

  private lost(socket: SocketLike, code: number, reason: string): void {
    if (socket !== this.socket) return;
    this.port.quiet();
    this.socket = undefined;
    if (code === CLOSE_UNAUTHORIZED) {
      this.refusedToken = this.sentToken;
      if (++this.unauthorized > MAX_UNAUTHORIZED) code = CLOSE_CODES.PROTOCOL_ERROR; // give up: the page says disconnected
    }
    if (code === CLOSE_KICKED) this.refuse('kicked');
    if (code === CLOSE_BANNED) this.refuse('banned');
    if (this.closing || this.refusedWith || FINAL_CLOSES.has(code)) {
      this.setState('closed');
      if (!this.closing && !this.refusedWith) this.listeners.emit('error', { code: `closed_${code}`, message: reason });
      return;
    }
    this.setState('reconnecting');
    if (code === CLOSE_CODES.SERVICE_RESTART) this.serverRestarting = true;
    const backoff = Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(this.attempt, 6));
    const delay = this.serverRestarting ? Math.min(RESTART_RETRY_MS, backoff) : backoff;
    this.attempt++;
    setTimeout(() => this.connect(), delay);
  }

  private setState(state: ConnectionState): void {
    if (this.current === state) return;
    this.current = state;
    this.listeners.emit('state', state);
  }
}
