/**
 * What the server vouches for about a member to its peers (docs/protocol.md 3.13): id, display name,
 * role in one room until an instant, and the public key its frames are signed with. The server signs
 * the credential's exact text, which travels with every signed frame and is read back here, never
 * re-encoded. Twin of protocol/.../PeerCredential.java; the shared vectors
 * protocol/src/test/resources/p2p/peer-credential-vectors.json run on both.
 */
import type { Role } from '../protocol';
import { decodePublicKey, verifyText } from './peerKeys';
import { characters, jsonObject } from './syncFrames';

/** What the server's signature is over: this prefix and the credential's text. */
export const CREDENTIAL_PREFIX = 'cowatch peer credential v1\n';
const MAX_TEXT_CHARS = 1_024;
const MAX_NAME_CHARS = 80;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface PeerCredential {
  readonly room: string;
  readonly memberId: string;
  readonly name: string;
  readonly role: Exclude<Role, 'host'>;
  readonly expiresAtMs: number;
  /** base64url SubjectPublicKeyInfo */
  readonly key: string;
  /** The key, imported. */
  readonly publicKey: CryptoKey;
}

/**
 * The credential in `text`, if `signature` is the server's over exactly that text and it is well
 * formed (the room and the time are the gate's to check).
 */
export async function verifiedCredential(text: unknown, signature: unknown, server: CryptoKey): Promise<PeerCredential | undefined> {
  if (typeof text !== 'string' || text.length > MAX_TEXT_CHARS || !await verifyText(server, CREDENTIAL_PREFIX + text, signature)) {
    return undefined;
  }
  const o = jsonObject(text);
  if (!o) return undefined;
  const role = o['role'] === 'host' ? 'moderator' : o['role'];
  const { room, memberId, name, expiresAtMs, key } = o;
  if (o['v'] !== 1 || (role !== 'owner' && role !== 'moderator' && role !== 'member' && role !== 'guest')
    || !Number.isSafeInteger(expiresAtMs) || (expiresAtMs as number) < 0
    || typeof room !== 'string' || room.length === 0 || room.length > 64
    || typeof memberId !== 'string' || !ID.test(memberId)
    || typeof name !== 'string' || characters(name) > MAX_NAME_CHARS || typeof key !== 'string') {
    return undefined;
  }
  const publicKey = await decodePublicKey(key);
  return publicKey ? { room, memberId, name, role, expiresAtMs: expiresAtMs as number, key, publicKey } : undefined;
}
