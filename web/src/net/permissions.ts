import type { RoomRole } from './cowatchApi';

/**
 * docs/api.md's permission table, for showing only the buttons that will work. The server checks
 * every action again; this only keeps the page from offering what it would refuse.
 */

const RANK: Record<RoomRole, number> = { owner: 3, moderator: 2, member: 1, guest: 0 };

export function rank(role: RoomRole | undefined): number {
  return role ? RANK[role] ?? -1 : -1;
}

export const permissions = {
  changeSettings: (me: RoomRole | undefined) => me === 'owner' || me === 'moderator',
  invite: (me: RoomRole | undefined) => me === 'owner' || me === 'moderator' || me === 'member',
  seeMembers: (me: RoomRole | undefined) => me !== undefined,
  /** Owners may kick anyone but themselves; moderators only members and guests. */
  kick: (me: RoomRole | undefined, target: RoomRole) =>
    me === 'owner' ? target !== 'owner' : me === 'moderator' ? target === 'member' || target === 'guest' : false,
  ban: (me: RoomRole | undefined, target: RoomRole) => permissions.kick(me, target),
  unban: (me: RoomRole | undefined) => me === 'owner' || me === 'moderator',
  changeRole: (me: RoomRole | undefined, target: RoomRole) => me === 'owner' && target !== 'owner',
  transferOwnership: (me: RoomRole | undefined, target: RoomRole) => me === 'owner' && target !== 'owner',
  deleteRoom: (me: RoomRole | undefined) => me === 'owner',
  /** The queue: owner and moderators; members too when everyone controls playback. */
  editQueue: (me: RoomRole | undefined, controlMode: string | undefined) =>
    me === 'owner' || me === 'moderator' || (me === 'member' && controlMode !== 'moderators'),
};

/** Roles an owner may hand out ("up to moderator"). */
export const ASSIGNABLE_ROLES: readonly RoomRole[] = ['moderator', 'member', 'guest'];

/** Members sorted for display: owner first, then by role, then online first, then by name. */
export function sortMembers<M extends { role: RoomRole; online: boolean; displayName: string }>(members: readonly M[]): M[] {
  return [...members].sort((a, b) =>
    rank(b.role) - rank(a.role) || Number(b.online) - Number(a.online) || a.displayName.localeCompare(b.displayName));
}
