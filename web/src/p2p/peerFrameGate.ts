/**
 * What a member takes from its peers (docs/protocol.md 3.13): a frame counts only inside a `signed`
 * envelope whose credential the room's server signed, for this room, not yet expired, whose signature
 * is the credential key's, whose sequence number is new, and which speaks for its signer: direct
 * frames (ping, pong, hello, intent, refused) come from the signer's own channel, a chat line is the
 * signer's (its name is the credential's, as is a hello's role), a timeline is decided by the signer or
 * is the server's own last one. Whether the signer may change the timeline is peerAuthority's
 * `mayTellTimeline`. Twin of protocol/.../PeerFrameGate.java; the shared vectors
 * protocol/src/test/resources/p2p/peer-credential-vectors.json run on both. WebCrypto is asynchronous:
 * the caller opens one channel's texts one after the other, in order.
 */
import { verifiedCredential, type PeerCredential } from './peerCredential';
import { verifyText } from './peerKeys';
import { decodeFrame, MAX_FRAME_CHARS, type SyncFrame } from './syncFrames';

/** What a member's signature is over: this prefix, the sequence number, a line end, the frame's text. */
export const FRAME_PREFIX = 'cowatch peer frame v1\n';
/** How far below the highest number a frame may still arrive (relays take other paths): ReplayWindow.WIDTH. */
export const REPLAY_WIDTH = 64;
/** Signers remembered at once. */
const MAX_SIGNERS = 256;

export type Opened =
  /** `envelope`: the text as it came, to pass on unchanged (a relayed line, a timeline told again). */
  | { readonly ok: true; readonly frame: SyncFrame; readonly signer: PeerCredential; readonly envelope: string }
  | { readonly ok: false; readonly why: string };

export function signedText(seq: number, frameText: string): string {
  return `${FRAME_PREFIX}${seq}\n${frameText}`;
}

export class PeerFrameGate {
  private readonly windows = new Map<string, ReplayWindow>();
  private readonly checked = new Map<string, PeerCredential>();

  /** `server`: the server's credential key (peerCredential's serverKey); `room`: the room this member is in. */
  constructor(private readonly server: CryptoKey, private readonly room: string) {}

  /** `from`: the member at the other end of the channel; `nowMs`: this member's estimate of server time. */
  async open(from: string, text: unknown, nowMs: number): Promise<Opened> {
    if (typeof text !== 'string' || text.length > MAX_FRAME_CHARS) return refused('too long');
    let o: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return refused('not signed');
      o = parsed as Record<string, unknown>;
    } catch {
      return refused('not JSON');
    }
    if (o['t'] !== 'signed') return refused('not signed');
    const { credential, cs, seq, frame: frameText, sig } = o;
    if (typeof credential !== 'string' || typeof cs !== 'string' || !Number.isSafeInteger(seq) || (seq as number) < 0
      || typeof frameText !== 'string' || typeof sig !== 'string') {
      return refused('a field is missing');
    }
    const n = seq as number;
    if (n < 1) return refused('sequence numbers start at 1');
    const c = await this.credential(credential, cs);
    if (!c) return refused("the credential is not the server's");
    if (c.room !== this.room) return refused('the credential is for another room');
    if (nowMs >= c.expiresAtMs) return refused('the credential expired');
    if (!await verifyText(c.publicKey, signedText(n, frameText), sig)) return refused("the signature is not the member's");
    const decoded = decodeFrame(frameText);
    if (!decoded) return refused('not a frame');
    const speaks = speaksFor(from, c.memberId, decoded);
    if (speaks) return refused(speaks);
    const window = this.window(c, nowMs);
    if (!window) return refused('too many signers');
    if (!window.take(n)) return refused(`sequence number ${n} seen before`);
    // Who the signer is, the server says: the name of its lines and the role it has are the credential's.
    const frame: SyncFrame = decoded.t === 'chat' ? { ...decoded, name: c.name }
      : decoded.t === 'hello' ? { ...decoded, role: c.role } : decoded;
    return { ok: true, frame, signer: c, envelope: text };
  }

  private async credential(text: string, cs: string): Promise<PeerCredential | undefined> {
    const both = `${cs}\n${text}`;
    const known = this.checked.get(both);
    if (known) return known;
    const c = await verifiedCredential(text, cs, this.server);
    if (c) {
      if (this.checked.size >= MAX_SIGNERS) this.checked.clear(); // a cache: the next frame is checked again
      this.checked.set(both, c);
    }
    return c;
  }

  private window(c: PeerCredential, nowMs: number): ReplayWindow | undefined {
    const w = this.windows.get(c.key);
    if (w) return w;
    if (this.windows.size >= MAX_SIGNERS) {
      // Only signers whose credentials expired are forgotten: their frames are refused anyway.
      for (const [key, old] of this.windows) if (nowMs >= old.expiresAtMs) this.windows.delete(key);
      if (this.windows.size >= MAX_SIGNERS) return undefined;
    }
    const fresh = new ReplayWindow(c.expiresAtMs);
    this.windows.set(c.key, fresh);
    return fresh;
  }
}

/** Undefined when `frame`, signed by `signer` and come from `from`, speaks only for its signer; else why not. */
export function speaksFor(from: string, signer: string, frame: SyncFrame): string | undefined {
  switch (frame.t) {
    case 'chat': return frame.memberId === signer ? undefined : "a chat line in another member's name";
    case 'timeline': return frame.by === '' || frame.by === signer ? undefined : 'a timeline decided by another member';
    case 'hello': return frame.memberId === signer && signer === from ? undefined : 'a hello for another member';
    default: return signer === from ? undefined : "a frame from another member's channel";
  }
}

/** The sequence numbers one signer's frames were seen with: each once, none more than REPLAY_WIDTH below the highest. */
class ReplayWindow {
  private highest = 0;
  private readonly seen = new Set<number>();

  constructor(readonly expiresAtMs: number) {}

  take(seq: number): boolean {
    if (seq > this.highest) {
      this.highest = seq;
      for (const s of this.seen) if (s <= seq - REPLAY_WIDTH) this.seen.delete(s);
    } else if (this.highest - seq >= REPLAY_WIDTH || this.seen.has(seq)) {
      return false;
    }
    this.seen.add(seq);
    return true;
  }
}

function refused(why: string): Opened {
  return { ok: false, why };
}
