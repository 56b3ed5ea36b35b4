/**
 * ECDSA P-256 with SHA-256 for the peers' credentials and frames (docs/protocol.md 3.13), with
 * WebCrypto: signatures are IEEE P1363 (`r || s`, 64 bytes), public keys SubjectPublicKeyInfo, both in
 * base64url without padding, exactly as protocol/.../PeerKeys.java writes and reads them (the JDK's
 * "SHA256withECDSAinP1363Format"; its default DER would not verify here).
 */
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;
const B64URL = /^[A-Za-z0-9_-]*$/;
/** 64 bytes in base64url without padding. */
const SIGNATURE_CHARS = 86;

/** A fresh key pair for this page's session: its public half goes into the member's credential. */
export async function generatePeerKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify']);
}

/** The public key as base64url SubjectPublicKeyInfo (what the server puts into the credential). */
export async function encodePublicKey(key: CryptoKey): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.exportKey('spki', key)));
}

/** A P-256 public key from base64url SubjectPublicKeyInfo; undefined for anything else (another curve, not a key). */
export async function decodePublicKey(spki: string): Promise<CryptoKey | undefined> {
  const bytes = spki.length <= 200 ? fromBase64Url(spki) : undefined;
  if (!bytes) return undefined;
  try {
    return await crypto.subtle.importKey('spki', bytes, ECDSA, false, ['verify']);
  } catch {
    return undefined;
  }
}

/** The P1363 signature of `message`'s UTF-8 bytes, base64url. */
export async function signText(key: CryptoKey, message: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.sign(SIGN, key, new TextEncoder().encode(message))));
}

/** Whether `signature` (base64url P1363) is `key`'s over `message`; false for anything malformed. */
export async function verifyText(key: CryptoKey, message: string, signature: unknown): Promise<boolean> {
  if (typeof signature !== 'string' || signature.length !== SIGNATURE_CHARS) return false;
  const bytes = fromBase64Url(signature);
  if (!bytes) return false;
  try {
    return await crypto.subtle.verify(SIGN, key, bytes, new TextEncoder().encode(message));
  } catch {
    return false;
  }
}

export function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Strict base64url without padding, as Java's URL decoder reads it; undefined if it is not. */
export function fromBase64Url(s: string): Uint8Array<ArrayBuffer> | undefined {
  if (!B64URL.test(s) || s.length % 4 === 1) return undefined;
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
