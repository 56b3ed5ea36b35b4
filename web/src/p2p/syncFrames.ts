/**
 * What members say to each other on the `sync` data channel (docs/protocol.md 3.12). Frames are
 * JSON; whatever a peer sends is checked here before anything acts on it, so a broken or hostile peer
 * gets its frame dropped, never a crash or a timeline it made up in another member's name.
 * protocol/.../SyncFrames.java is the Java twin: the shared vectors
 * protocol/src/test/resources/p2p/sync-frame-vectors.json hold both to the same answers, so the rules
 * here are those core can hold: versions are whole numbers, timeline anchors and intent positions are
 * rounded to whole ms (core keeps them in longs), and a timeline's rate and position are in core's range.
 */
import type { Timeline } from '../engine/timeline';
import type { Role } from '../protocol';
import type { PeerIntent } from './peerDecider';

/** The purpose of the peer connections that carry sync (docs/protocol.md 3.11). */
export const SYNC_PURPOSE = 'sync';
/** Rooms with more connected members than this keep no peer connections. */
export const MAX_MESH = 8;
export const MAX_FRAME_CHARS = 16_384;
/** A peer that sends more frames a second than this is hung up on. */
export const MAX_FRAMES_PER_SECOND = 50;
/**
 * Chat lines as the server takes them (core ChatText.MAX_LENGTH), counted in characters (code points) as
 * the server counts them: a line of emoji the server takes must not be dropped between peers.
 */
export const MAX_CHAT_CHARS = 1_000;
const MAX_NAME_CHARS = 80;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const ROLES: readonly Role[] = ['owner', 'moderator', 'member', 'guest', 'host'];
/** core's Timeline.MIN_RATE and MAX_RATE: a timeline outside them is none the room could have. */
const MIN_RATE = 0.25;
const MAX_RATE = 4;

export interface PeerChatLine {
  readonly lineId: string;
  readonly memberId: string;
  readonly name: string;
  readonly text: string;
  readonly atMs: number;
}

export type SyncFrame =
  | { readonly t: 'ping'; readonly t0: number }
  | { readonly t: 'pong'; readonly t0: number; readonly t1: number; readonly t2: number }
  | { readonly t: 'hello'; readonly memberId: string; readonly role: Role; readonly serverVersion: number; readonly lost: boolean }
  | { readonly t: 'intent'; readonly intent: PeerIntent; readonly ref: string }
  /** `by`: who decided it ('' for the server's own last timeline); `cause.memberId`: who asked. */
  | { readonly t: 'timeline'; readonly timeline: Timeline; readonly base: number; readonly by: string;
    readonly cause: { memberId: string; intent: string } }
  | { readonly t: 'refused'; readonly ref: string; readonly code: string; readonly timeline: Timeline }
  | ({ readonly t: 'chat' } & PeerChatLine);

export function encodeFrame(frame: SyncFrame): string {
  return JSON.stringify(frame);
}

/** `text` as a JSON object, or undefined when it is not one (not JSON, an array, a scalar, null). */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

/** The frame, or undefined when the text is not one (too long, not JSON, a field missing or of the wrong kind). */
export function decodeFrame(text: unknown): SyncFrame | undefined {
  if (typeof text !== 'string' || text.length > MAX_FRAME_CHARS) return undefined;
  const o = jsonObject(text);
  if (!o) return undefined;
  switch (o['t']) {
    case 'ping':
      return num(o['t0']) ? { t: 'ping', t0: o['t0'] as number } : undefined;
    case 'pong':
      return num(o['t0']) && num(o['t1']) && num(o['t2'])
        ? { t: 'pong', t0: o['t0'] as number, t1: o['t1'] as number, t2: o['t2'] as number } : undefined;
    case 'hello': {
      const serverVersion = count(o['serverVersion']);
      return id(o['memberId']) && ROLES.includes(o['role'] as Role) && serverVersion !== undefined && typeof o['lost'] === 'boolean'
        ? { t: 'hello', memberId: o['memberId'] as string, role: role(o['role'] as Role), serverVersion, lost: o['lost'] as boolean }
        : undefined;
    }
    case 'intent': {
      const intent = peerIntent(o['intent']);
      return intent && id(o['ref']) ? { t: 'intent', intent, ref: o['ref'] as string } : undefined;
    }
    case 'timeline': {
      const timeline = asTimeline(o['timeline']);
      const base = count(o['base']);
      const cause = o['cause'] as Record<string, unknown> | undefined;
      return timeline && base !== undefined && (o['by'] === '' || id(o['by'])) && cause && (cause['memberId'] === '' || id(cause['memberId']))
        && typeof cause['intent'] === 'string'
        ? { t: 'timeline', timeline, base, by: o['by'] as string,
          cause: { memberId: cause['memberId'] as string, intent: cause['intent'] } }
        : undefined;
    }
    case 'refused': {
      const timeline = asTimeline(o['timeline']);
      return timeline && id(o['ref']) && typeof o['code'] === 'string'
        ? { t: 'refused', ref: o['ref'] as string, code: o['code'], timeline } : undefined;
    }
    case 'chat':
      return id(o['lineId']) && id(o['memberId']) && typeof o['name'] === 'string' && characters(o['name'] as string) <= MAX_NAME_CHARS
        && typeof o['text'] === 'string' && (o['text'] as string).trim().length > 0 && characters(o['text'] as string) <= MAX_CHAT_CHARS
        && num(o['atMs'])
        ? { t: 'chat', lineId: o['lineId'] as string, memberId: o['memberId'] as string, name: o['name'] as string,
          text: o['text'] as string, atMs: o['atMs'] as number } : undefined;
    default:
      return undefined;
  }
}

function num(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A version: a whole number from 0 that a double (and core's long) holds exactly. */
function count(v: unknown): number | undefined {
  return Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) + 0 : undefined; // + 0: -0 is 0
}

/** Milliseconds as core keeps them: rounded half up (Math.round, as Java's), undefined past 2^53 - 1. */
function ms(v: unknown): number | undefined {
  if (!num(v)) return undefined;
  const r = Math.round(v as number) + 0; // + 0: Math.round(-0.4) is -0
  return Number.isSafeInteger(r) ? r : undefined;
}

/** 'host' is an old name of a moderator's rights (peerAuthority): read as what core calls it. */
function role(r: Role): Role {
  return r === 'host' ? 'moderator' : r;
}

function id(v: unknown): boolean {
  return typeof v === 'string' && ID.test(v);
}

function peerIntent(v: unknown): PeerIntent | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const version = count(o['version']);
  if (version === undefined) return undefined;
  const positionMs = ms(o['positionMs']);
  switch (o['type']) {
    case 'play': return { type: 'play', version };
    case 'pause': return o['positionMs'] === undefined ? { type: 'pause', version }
      : positionMs !== undefined ? { type: 'pause', version, positionMs } : undefined;
    case 'seek': return positionMs !== undefined ? { type: 'seek', version, positionMs } : undefined;
    case 'setRate': return num(o['rate']) ? { type: 'setRate', version, rate: o['rate'] as number } : undefined;
    default: return undefined;
  }
}

function asTimeline(v: unknown): Timeline | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const state = o['state'];
  if (state !== 'paused' && state !== 'playing' && state !== 'waiting') return undefined;
  const anchorPositionMs = ms(o['anchorPositionMs']);
  const anchorTimeMs = ms(o['anchorTimeMs']);
  const version = count(o['version']);
  const rate = o['rate'];
  if (anchorPositionMs === undefined || anchorPositionMs < 0 || anchorTimeMs === undefined || version === undefined) return undefined;
  if (!num(rate) || !((rate as number) >= MIN_RATE && (rate as number) <= MAX_RATE)) return undefined;
  if (o['mediaId'] !== undefined && typeof o['mediaId'] !== 'string') return undefined;
  return {
    ...(o['mediaId'] === undefined ? {} : { mediaId: o['mediaId'] as string }),
    state, anchorPositionMs, anchorTimeMs, rate: rate as number, version,
  };
}

/** Characters as people count them and the server bounds them: code points, not UTF-16 units. */
export function characters(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
