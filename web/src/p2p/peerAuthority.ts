/**
 * Who decides for members that lost the server but still reach each other, and what a member does
 * when it reaches the server again (docs/protocol.md 3.12). The twin of
 * core/.../peer/PeerAuthority.java: the shared vectors core/src/test/resources/sync/peer-authority-vectors.json
 * hold both to the same answers, so every member of a partition (web app or Java client) picks the same
 * acting authority.
 */
import type { Timeline } from '../engine/timeline';
import type { Role } from '../protocol';

/** How long each place in the authority order waits before handing back in place of the ones before it. */
export const HAND_BACK_STEP_MS = 2_000;

export type ControlMode = 'everyone' | 'moderators' | 'hostOnly';

export interface Peer {
  readonly id: string;
  readonly role: Role;
}

/** Highest first, as core's Role enum is ordered ('host' is an old name of a moderator's rights). */
const SENIORITY: Record<Role, number> = { owner: 0, moderator: 1, host: 1, member: 2, guest: 3 };

/** The permission table's "control playback" (docs/api.md), as core's Permissions has it. */
export function mayControl(role: Role, mode: ControlMode): boolean {
  return role === 'owner' || role === 'moderator' || role === 'host' || mode === 'everyone';
}

/**
 * Why a member does not play a peer's timeline (docs/protocol.md 3.13), undefined when it may: its
 * signer (the decider, or for `by` '' the member telling the server's own last timeline) may control
 * playback, the server's own timeline has the version it grew from, and on the same base the media is
 * the partition's. `signer` is the role in the signer's credential; `current` the peer timeline played
 * now, grown from `currentBase`. Twin of PeerAuthority.timelineRefusal.
 */
export function timelineRefusal(signer: Role, mode: ControlMode, t: Timeline, base: number, by: string,
  current: Timeline | undefined, currentBase: number): string | undefined {
  if (!mayControl(signer, mode)) return 'the signer may not control playback';
  if (by === '' && t.version !== base) return "the server's own timeline has the version it grew from";
  if (current && base === currentBase && (t.mediaId ?? null) !== (current.mediaId ?? null)) {
    return 'the media cannot change without the server';
  }
  return undefined;
}

/** The candidates, most senior first (highest role, then the smallest id by code unit); the first acts. */
export function authorityOrder(partition: readonly Peer[], mode: ControlMode): Peer[] {
  const seen = new Set<string>();
  return partition
    .filter((p) => mayControl(p.role, mode) && !seen.has(p.id) && seen.add(p.id))
    .sort((a, b) => SENIORITY[a.role] - SENIORITY[b.role] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The acting authority's member id, undefined when nobody in the partition may control playback. */
export function actingAuthority(partition: readonly Peer[], mode: ControlMode): string | undefined {
  return authorityOrder(partition, mode)[0]?.id;
}

export type ServerBack =
  | { readonly do: 'followServer' }
  | { readonly do: 'handBack'; readonly afterMs: number }
  | { readonly do: 'wait' };

/**
 * @param baseVersion the server version the partition started from
 * @param serverVersion the version of the timeline in the server's `joined`
 * @param place this member's index in the authority order; -1 when it may not control
 */
export function onServerBack(baseVersion: number, serverVersion: number, place: number): ServerBack {
  if (serverVersion !== baseVersion) return { do: 'followServer' };
  if (place < 0) return { do: 'wait' };
  return { do: 'handBack', afterMs: place * HAND_BACK_STEP_MS };
}
