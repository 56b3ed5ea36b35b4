/**
 * The rules of a `signal` message, the twin of protocol/.../Signals.java: the shared vectors
 * (protocol/src/test/resources/p2p/signal-vectors.json) hold both to the same answers. The app checks
 * before sending so that a mistake is its own error, not a round trip to the server.
 */
import type { SignalOut } from '../protocol';

export const SIGNAL_KINDS = ['offer', 'answer', 'candidate', 'refuse', 'hangup'] as const;
const NEED_PAYLOAD = new Set(['offer', 'answer', 'candidate']);
export const MAX_SIGNAL_PAYLOAD_CHARS = 8_192;
const SESSION = /^[A-Za-z0-9_-]{1,64}$/;
const PURPOSE = /^[a-z][a-z0-9-]{0,31}$/;
const MAX_MEMBER_ID_CHARS = 64;

/** The first field of `m` that breaks a rule, or null when it may be sent. */
export function signalProblem(m: Partial<Record<keyof SignalOut, unknown>>): keyof SignalOut | null {
  if (typeof m.to !== 'string' || m.to.length === 0 || m.to.length > MAX_MEMBER_ID_CHARS) return 'to';
  if (typeof m.session !== 'string' || !SESSION.test(m.session)) return 'session';
  if (typeof m.purpose !== 'string' || !PURPOSE.test(m.purpose)) return 'purpose';
  if (typeof m.kind !== 'string' || !(SIGNAL_KINDS as readonly string[]).includes(m.kind)) return 'kind';
  if (m.payload === undefined && NEED_PAYLOAD.has(m.kind)) return 'payload';
  if (m.payload !== undefined && (typeof m.payload !== 'string' || m.payload.length > MAX_SIGNAL_PAYLOAD_CHARS)) {
    return 'payload';
  }
  return null;
}

/** A session id: random, so two sharers' sessions never meet. */
export function newSessionId(random: () => number = Math.random): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < 16; i++) id += alphabet[Math.floor(random() * alphabet.length)];
  return id;
}
