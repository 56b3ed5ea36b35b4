/**
 * This page's side of the peers' frame authentication (docs/protocol.md 3.13), twin of the Java
 * client's FrameTrust: the session's key pair (made here, the private half never leaves WebCrypto), the
 * credential the server issued for it, the seal frames go out with and the gate peers' frames must pass.
 * Until the server has answered `peerKey`, nothing goes out and nothing is taken.
 */
import type { Role } from '../protocol';
import { verifiedCredential, type PeerCredential } from './peerCredential';
import { PeerFrameGate, type Opened } from './peerFrameGate';
import { PeerFrameSeal } from './peerFrameSeal';
import { decodePublicKey, encodePublicKey, generatePeerKeys } from './peerKeys';
import type { SyncFrame } from './syncFrames';

/** A credential is asked for again this long before it expires (half of the server's hour). */
const RENEW_BEFORE_MS = 30 * 60_000;
/** Asked, and no answer yet: not asked again before this long. */
const ASK_AGAIN_MS = 5_000;

export interface IssuedCredential {
  readonly credential: string;
  readonly signature: string;
  readonly serverKey: string;
}

export class FrameTrust {
  private keys: CryptoKeyPair | undefined;
  private publicKey: string | undefined;
  private seal: PeerFrameSeal | undefined;
  private gate: PeerFrameGate | undefined;
  private serverKey: string | undefined;
  private askedAtMs: number | undefined;
  /** This member's credential as the server issued it (undefined before the first). */
  own: PeerCredential | undefined;

  /** The session's public key for `peerKey`, made on first use. */
  async key(): Promise<string> {
    if (!this.keys) this.keys = await generatePeerKeys();
    this.publicKey ??= await encodePublicKey(this.keys.publicKey);
    return this.publicKey;
  }

  /** Whether to ask now: no credential yet, one about to expire, or one with another role or name than the room's. */
  shouldAsk(nowMs: number, role: Role | undefined, name: string | undefined): boolean {
    if (this.askedAtMs !== undefined && nowMs - this.askedAtMs < ASK_AGAIN_MS) return false;
    const own = this.own;
    const stale = !own || own.expiresAtMs - nowMs < RENEW_BEFORE_MS
      || (role !== undefined && (role === 'host' ? 'moderator' : role) !== own.role) || (name !== undefined && name !== own.name);
    if (stale) this.askedAtMs = nowMs;
    return stale;
  }

  /** The server's answer to peerKey; false (nothing changes) unless it checks out with its server key and is for this page's key. */
  async credential(issued: IssuedCredential): Promise<boolean> {
    const server = await decodePublicKey(issued.serverKey);
    const c = server ? await verifiedCredential(issued.credential, issued.signature, server) : undefined;
    if (!server || !c || !this.keys || c.key !== this.publicKey) return false;
    if (!this.seal) this.seal = new PeerFrameSeal(this.keys.privateKey, issued.credential, issued.signature);
    else this.seal.renew(issued.credential, issued.signature);
    if (!this.gate || issued.serverKey !== this.serverKey) this.gate = new PeerFrameGate(server, c.room);
    this.serverKey = issued.serverKey;
    this.own = c;
    this.askedAtMs = undefined;
    return true;
  }

  /** The signed envelope of `frame`; undefined while this page has no credential (its peers would drop the frame). */
  sealFrame(frame: SyncFrame): Promise<string> | undefined {
    return this.seal?.seal(frame);
  }

  /** A text from peer `from`: the frame to act on, or why not. */
  open(from: string, text: unknown, nowMs: number): Promise<Opened> {
    return this.gate ? this.gate.open(from, text, nowMs) : Promise.resolve({ ok: false, why: "no credential of this member's yet" });
  }
}
