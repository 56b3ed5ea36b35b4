/**
 * The acting authority's decisions on its peers' intents while the server is away (docs/protocol.md
 * 3.12): the room's own rules for play, pause, seek and rate (section 8), on peer versions. The shared
 * vectors core/src/test/resources/sync/peer-decider-vectors.json run on this, on its Java twin (core's
 * PeerDecider) and on core's RoomDecider, so a peer room decides what the server would have. Buffering
 * does not hold a peer room (nobody would time the wait out) and the media cannot change without the
 * server.
 */
import { positionAt, type Timeline } from '../engine/timeline';
import type { Tolerances } from '../engine/tolerances';

export type PeerIntent =
  | { readonly type: 'play'; readonly version: number }
  | { readonly type: 'pause'; readonly version: number; readonly positionMs?: number }
  | { readonly type: 'seek'; readonly version: number; readonly positionMs: number }
  | { readonly type: 'setRate'; readonly version: number; readonly rate: number };

export type PeerDecision =
  | { readonly kind: 'changed'; readonly timeline: Timeline }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'refused'; readonly code: 'conflict' | 'version_from_future' | 'invalid_argument' | 'no_media'; readonly message: string };

/** 48 hours, as core's ControlRules.MAX_POSITION_MS. */
const MAX_POSITION_MS = 48 * 3_600_000;
const MIN_RATE = 0.25;
const MAX_RATE = 4.0;

type DeciderTolerances = Pick<Tolerances, 'minLeadMs' | 'maxLeadMs' | 'seekAllowanceMs' | 'pausePositionToleranceMs'>;

/**
 * @param roundTripMs the peers' largest round trip (the server uses its members' reports), clamped to a lead as the server clamps it
 */
export function decidePeerIntent(t: Timeline, intent: PeerIntent, nowMs: number, roundTripMs: number,
  tol: DeciderTolerances): PeerDecision {
  if (intent.version > t.version) {
    return { kind: 'refused', code: 'version_from_future', message: `version ${intent.version} is ahead of ${t.version}` };
  }
  if ((intent.type === 'play' || intent.type === 'seek') && !t.mediaId) {
    return { kind: 'refused', code: 'no_media', message: 'no media is set' };
  }
  const invalid = problem(intent);
  if (invalid) return { kind: 'refused', code: 'invalid_argument', message: invalid };
  const inEffect = alreadyInEffect(intent, t);
  if (intent.version < t.version) {
    return inEffect ? { kind: 'unchanged' }
      : { kind: 'refused', code: 'conflict', message: `the timeline changed (version ${t.version}) since version ${intent.version}` };
  }
  if (inEffect) return { kind: 'unchanged' };
  const lead = Math.min(tol.maxLeadMs, Math.max(tol.minLeadMs, Math.round(roundTripMs)));
  const v = t.version + 1;
  const now = Math.round(nowMs);
  switch (intent.type) {
    case 'play':
      return changed({ ...t, state: 'playing', anchorTimeMs: now + lead, version: v });
    case 'pause': {
      const current = Math.round(positionAt(t, now));
      const shown = intent.positionMs;
      const at = shown === undefined || Math.abs(shown - current) > tol.pausePositionToleranceMs ? current : shown;
      return changed({ ...t, state: 'paused', anchorPositionMs: at, anchorTimeMs: now, version: v });
    }
    case 'seek':
      return t.state === 'playing'
        ? changed({ ...t, anchorPositionMs: intent.positionMs, anchorTimeMs: now + lead + tol.seekAllowanceMs, version: v })
        : changed({ ...t, anchorPositionMs: intent.positionMs, anchorTimeMs: now, version: v });
    case 'setRate':
      return t.state === 'playing' && now > t.anchorTimeMs
        ? changed({ ...t, anchorPositionMs: Math.round(positionAt(t, now)), anchorTimeMs: now, rate: intent.rate, version: v })
        : changed({ ...t, rate: intent.rate, version: v });
  }
}

function changed(timeline: Timeline): PeerDecision {
  return { kind: 'changed', timeline };
}

function problem(intent: PeerIntent): string | undefined {
  const position = intent.type === 'seek' || intent.type === 'pause' ? intent.positionMs : undefined;
  if (position !== undefined && !(position >= 0 && position <= MAX_POSITION_MS)) return `position must be 0-${MAX_POSITION_MS} ms`;
  if (intent.type === 'setRate' && !(intent.rate >= MIN_RATE && intent.rate <= MAX_RATE)) return `rate must be ${MIN_RATE}-${MAX_RATE}`;
  return undefined;
}

/** core's ControlRules.alreadyInEffect. */
function alreadyInEffect(intent: PeerIntent, t: Timeline): boolean {
  switch (intent.type) {
    case 'play': return t.state !== 'paused';
    case 'pause': return t.state === 'paused';
    case 'seek': return t.state !== 'playing' && t.anchorPositionMs === intent.positionMs;
    case 'setRate': return t.rate === intent.rate;
  }
}
