/**
 * How a room of two devices and no server decides: each device decides its own person's intents at
 * once, by the rules a server room uses (peerDecider.ts, bound to core's by shared vectors), on the
 * starting device's clock, and tells the other the new timeline. Two decisions made at the same moment
 * carry the same version; both devices then keep the one decided by the lower device id, so they end up
 * on one timeline without a referee.
 */
import type { Timeline } from '../engine/timeline';
import type { Tolerances } from '../engine/tolerances';
import { decidePeerIntent, type PeerDecision, type PeerIntent } from '../p2p/peerDecider';

export type NearbyIntent = PeerIntent | { readonly type: 'setMedia'; readonly version: number; readonly mediaId: string };

/** A timeline and the device that decided it. */
export interface Decided {
  readonly timeline: Timeline;
  readonly by: string;
}

/** Where every nearby room starts: nothing chosen yet, paused at 0. */
export const FIRST_TIMELINE: Timeline = { state: 'paused', anchorPositionMs: 0, anchorTimeMs: 0, rate: 1, version: 0 };

/** The room's media id is at most this long, as a server room's (core's ControlRules.MAX_MEDIA_ID_LENGTH). */
const MAX_MEDIA_ID_CHARS = 2_048;

type DeciderTolerances = Pick<Tolerances, 'minLeadMs' | 'maxLeadMs' | 'seekAllowanceMs' | 'pausePositionToleranceMs'>;

export function decideNearby(t: Timeline, intent: NearbyIntent, nowMs: number, roundTripMs: number, tol: DeciderTolerances): PeerDecision {
  if (intent.type !== 'setMedia') return decidePeerIntent(t, intent, nowMs, roundTripMs, tol);
  if (intent.mediaId.length === 0 || intent.mediaId.length > MAX_MEDIA_ID_CHARS) {
    return { kind: 'refused', code: 'invalid_argument', message: `a media id is 1-${MAX_MEDIA_ID_CHARS} characters` };
  }
  if (intent.mediaId === t.mediaId) return { kind: 'unchanged' };
  return {
    kind: 'changed',
    timeline: { mediaId: intent.mediaId, state: 'paused', anchorPositionMs: 0, anchorTimeMs: Math.round(nowMs), rate: 1, version: t.version + 1 },
  };
}

/** Whether `candidate` replaces `current`: a higher version, or the same version decided by the lower device id. */
export function replaces(candidate: Decided, current: Decided): boolean {
  if (candidate.timeline.version !== current.timeline.version) return candidate.timeline.version > current.timeline.version;
  return candidate.by !== current.by && candidate.by < current.by;
}
