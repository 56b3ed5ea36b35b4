/**
 * The codes two devices exchange by hand (a QR code or pasted text) to connect without a server: the
 * offer of the device that starts, then the answer of the one that joins. A code is the WebRTC session
 * description (its ICE candidates gathered in: nothing else is exchanged), the pairing's id and the
 * person's name, compressed (deflate) and written in base64url behind a prefix that says which of the two
 * it is. Whatever is pasted is checked here: a wrong, damaged or oversized text is refused with a reason
 * the page can put into words, and is never inflated past MAX_JSON_BYTES.
 */
export const CODE_PREFIX = 'CW1';
/** A QR code of version 40 at level L holds 2,953 bytes; a code with a few candidates is well under 1,000. */
export const MAX_CODE_CHARS = 4_000;
const MAX_JSON_BYTES = 32_768;
const MAX_NAME_CHARS = 80;
const PAIRING_ID = /^[A-Za-z0-9_-]{8,64}$/;

export type CodeKind = 'offer' | 'answer';

export interface Pairing {
  readonly kind: CodeKind;
  /** Names this pairing: the answer carries its offer's, so an answer to an older offer is told apart. */
  readonly pairingId: string;
  readonly name: string;
  readonly sdp: string;
}

export type CodeProblem = 'empty' | 'not_a_code' | 'too_long' | 'damaged' | 'wrong_kind';

export type Decoded = { readonly ok: true; readonly pairing: Pairing } | { readonly ok: false; readonly problem: CodeProblem };

const KIND_LETTER: Record<CodeKind, string> = { offer: 'O', answer: 'A' };

export async function encodeCode(p: Pairing): Promise<string> {
  const json = JSON.stringify({ id: p.pairingId, n: p.name.slice(0, MAX_NAME_CHARS), s: compactSdp(p.sdp) });
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'), Infinity);
  const code = `${CODE_PREFIX}${KIND_LETTER[p.kind]}.${base64url(packed)}`;
  if (code.length > MAX_CODE_CHARS) throw new Error(`the code is ${code.length} characters, more than ${MAX_CODE_CHARS}`);
  return code;
}

/**
 * The pairing in `text` (spaces and line breaks anywhere are ignored: a code pasted from a chat may be
 * wrapped), checked to be of the kind `expected`.
 */
export async function decodeCode(text: string, expected: CodeKind): Promise<Decoded> {
  const code = text.replace(/\s+/g, '');
  if (code.length === 0) return refused('empty');
  if (code.length > MAX_CODE_CHARS) return refused('too_long');
  const m = /^CW1([OA])\.([A-Za-z0-9_-]+)$/.exec(code);
  if (!m) return refused('not_a_code');
  const kind: CodeKind = m[1] === 'O' ? 'offer' : 'answer';
  if (kind !== expected) return refused('wrong_kind');
  const bytes = fromBase64url(m[2]!);
  if (!bytes) return refused('damaged');
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_JSON_BYTES));
  } catch {
    return refused('damaged');
  }
  let o: unknown;
  try {
    o = JSON.parse(json);
  } catch {
    return refused('damaged');
  }
  if (typeof o !== 'object' || o === null) return refused('damaged');
  const { id, n, s } = o as Record<string, unknown>;
  if (typeof id !== 'string' || !PAIRING_ID.test(id) || typeof n !== 'string' || typeof s !== 'string' || !s.startsWith('v=0')) {
    return refused('damaged');
  }
  return { ok: true, pairing: { kind, pairingId: id, name: n.slice(0, MAX_NAME_CHARS).trim(), sdp: s } };
}

/**
 * The description without what a data channel's connection does not need, so that the QR code has fewer,
 * larger modules a phone's camera reads at once: session attributes of media streams, the trickle option
 * (nothing trickles here), candidates' extension fields (generation, network id and cost), and active TCP
 * candidates (port 9: they connect out and are never reached).
 */
export function compactSdp(sdp: string): string {
  return sdp.split('\r\n')
    .filter((line) => !/^a=(extmap-allow-mixed|msid-semantic:.*|ice-options:trickle)$/.test(line) && !/ tcptype active\b/.test(line))
    .map((line) => (line.startsWith('a=candidate:') ? line.replace(/ (generation|network-id|network-cost|ufrag) \S+/g, '') : line))
    .join('\r\n');
}

function refused(problem: CodeProblem): Decoded {
  return { ok: false, problem };
}

/** Runs `bytes` through `stream`, refusing output past `limit` bytes (a small code must not inflate to gigabytes). */
async function pipe(bytes: Uint8Array<ArrayBuffer>, stream: { readonly writable: WritableStream<BufferSource>; readonly readable: ReadableStream<Uint8Array> },
  limit: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  void writer.write(bytes).catch(() => undefined);
  void writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new Error('too large');
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(s, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}
