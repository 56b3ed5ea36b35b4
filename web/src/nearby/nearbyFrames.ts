/**
 * What two nearby devices say to each other on their one data channel: the sync frames of a room whose
 * server went away (syncFrames.ts: clock pings, timelines, chat lines), plus who the other is, how far
 * its picture is from the timeline, and the signaling of further connections (a shared file's transfer)
 * that would otherwise go through a server. Everything the other device sends is checked here first.
 */
import type { SignalIn, SignalKind } from '../protocol';
import { signalProblem } from '../p2p/signals';
import { characters, decodeFrame, jsonObject, MAX_FRAME_CHARS, type SyncFrame } from '../p2p/syncFrames';

const MAX_NAME_CHARS = 80;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export type NearbyFrame =
  | Extract<SyncFrame, { t: 'ping' | 'pong' | 'timeline' | 'chat' }>
  | { readonly t: 'hi'; readonly deviceId: string; readonly name: string }
  | { readonly t: 'health'; readonly driftMs: number }
  | { readonly t: 'signal'; readonly signal: Omit<SignalIn, 'type' | 'from' | 'name'> };

export function encodeNearby(frame: NearbyFrame): string {
  return JSON.stringify(frame);
}

export function decodeNearby(text: unknown): NearbyFrame | undefined {
  if (typeof text !== 'string' || text.length > MAX_FRAME_CHARS) return undefined;
  const o = jsonObject(text);
  if (!o) return undefined;
  switch (o['t']) {
    case 'hi': {
      const { deviceId, name } = o;
      return typeof deviceId === 'string' && ID.test(deviceId) && typeof name === 'string' && characters(name) <= MAX_NAME_CHARS
        ? { t: 'hi', deviceId, name } : undefined;
    }
    case 'health': {
      const d = o['driftMs'];
      return typeof d === 'number' && Number.isFinite(d) && Math.abs(d) < 86_400_000 ? { t: 'health', driftMs: d } : undefined;
    }
    case 'signal': {
      const s = o['signal'];
      if (typeof s !== 'object' || s === null) return undefined;
      const { session, purpose, kind, payload } = s as Record<string, unknown>;
      // The rules of a signal through the server; 'to' is the other device, whoever it is.
      if (signalProblem({ to: 'peer', session, purpose, kind, payload }) !== null) return undefined;
      return { t: 'signal', signal: { session: session as string, purpose: purpose as string, kind: kind as SignalKind,
        ...(payload === undefined ? {} : { payload: payload as string }) } };
    }
    case 'ping': case 'pong': case 'timeline': case 'chat': {
      const f = decodeFrame(text);
      return f && (f.t === 'ping' || f.t === 'pong' || f.t === 'timeline' || f.t === 'chat') ? f : undefined;
    }
    default:
      return undefined;
  }
}
