import type { Api, Session, User } from './api';
import type { MemberView } from '../protocol';

/** The calls of docs/api.md, typed. Fields the contract leaves open are optional here. */

export type RoomRole = 'owner' | 'moderator' | 'member' | 'guest';
export type Visibility = 'public' | 'unlisted' | 'private';
export type ControlMode = 'everyone' | 'moderators';
export type BufferingPolicy = 'waitForAll' | 'neverWait';

export interface RoomSummary {
  id: string;
  name: string;
  visibility?: Visibility;
  passwordProtected?: boolean;
  ownerName?: string;
  /** People in the room now (the directory). */
  online?: number;
  role?: RoomRole;
}

export interface RoomAccess {
  role?: RoomRole | null;
  canEnter?: boolean;
  /** Why the caller may not enter yet (a WebSocket error code: password_required, ...). */
  refusal?: string | null;
  [key: string]: unknown;
}

export interface RoomSettingsView {
  id: string;
  name: string;
  visibility?: Visibility;
  /** Whether a password is set (the password itself is never sent back). */
  hasPassword?: boolean;
  passwordProtected?: boolean;
  guestsAllowed?: boolean;
  controlMode?: string;
  bufferingPolicy?: BufferingPolicy;
  bufferWaitTimeoutMs?: number;
  maxMembers?: number;
  access?: RoomAccess;
}

export interface RoomPatch {
  name?: string;
  visibility?: Visibility;
  password?: string | null;
  guestsAllowed?: boolean;
  controlMode?: ControlMode;
  bufferingPolicy?: BufferingPolicy;
  maxMembers?: number;
}

export interface Member {
  userId: string;
  displayName: string;
  role: RoomRole;
  online: boolean;
}

/** GET /api/rooms/{id}/sync (staff): the connected players' own last reports; the figures are absent until one reports. */
export interface SyncFigures {
  connected: number;
  reporting: number;
  inSync: number;
  deadBandMs: number;
  medianDriftMs?: number;
  worstDriftMs?: number;
  worstRttMs?: number;
  /** Corrections the connected players reported since their connections began (docs/protocol.md, report). */
  nudges?: number;
  seeks?: number;
  /** The reporting players by absolute drift: each bucket up to upToMs (absent: beyond the last), from the dead band. */
  histogram?: { upToMs?: number; count: number }[];
  /** The players furthest from the timeline, furthest first (drift signed: positive is ahead). */
  furthest?: { memberId: string; name: string; driftMs: number }[];
}

export interface Ban {
  userId: string;
  displayName?: string;
  [key: string]: unknown;
}

export interface Invite {
  id: string;
  url: string;
  expiresAt?: number | null;
  maxUses?: number | null;
  uses?: number;
  usesLeft?: number | null;
  revoked?: boolean;
  createdAt?: number;
}

/** GET /api/rooms/{id}/preview: where a room link leads, before a name is asked. */
export interface RoomPreview {
  id: string;
  /** Absent for a private room the caller holds no role in. */
  name?: string;
  /** What is needed first (password_required, invite_required, guests_not_allowed, banned, room_full); absent: walk in. */
  refusal?: string;
  /** Absent unless the table for strangers shows the room's card (docs/api.md, "What strangers see"). */
  details?: {
    owner?: string;
    presentCount: number;
    presentNames: string[];
    playing?: { title: string; state: 'playing' | 'paused' | 'waiting'; positionMs: number; atMs: number; posterPath?: string };
    startsAtMs?: number;
  };
}

export interface InviteInfo {
  room: RoomSummary;
  expiresAt?: number | null;
  usesLeft?: number | null;
}

const room = (id: string) => `/api/rooms/${encodeURIComponent(id)}`;

export function passwordSet(r: RoomSettingsView): boolean {
  return Boolean(r.hasPassword ?? r.passwordProtected);
}

export const auth = {
  register: (api: Api, body: { email: string; password: string; displayName: string }) =>
    api.post<Session>('/api/auth/register', body, { auth: false }).then((s) => api.signedIn(s)),
  login: (api: Api, body: { email: string; password: string }) =>
    api.post<Session>('/api/auth/login', body, { auth: false }).then((s) => api.signedIn(s)),
  guest: (api: Api, displayName: string) =>
    api.post<Session>('/api/auth/guest', { displayName }, { auth: false }).then((s) => api.signedIn(s)),
  upgrade: (api: Api, body: { email: string; password: string; displayName?: string }) =>
    api.post<Session>('/api/auth/upgrade', body).then((s) => api.signedIn(s)),
  async logout(api: Api): Promise<void> {
    const s = api.session;
    api.signedOut();
    if (s) await api.post('/api/auth/logout', { refreshToken: s.refreshToken }, { auth: false }).catch(() => undefined);
  },
  async logoutAll(api: Api): Promise<void> {
    await api.post('/api/auth/logout-all');
    api.signedOut();
  },
  verifyEmail: (api: Api, token: string) =>
    api.post<User>('/api/auth/verify-email', { token }, { auth: false }).then((u) => {
      api.updateUser(u);
      return u;
    }),
  resendVerification: (api: Api) => api.post<void>('/api/auth/verify-email/resend'),
  requestReset: (api: Api, email: string) => api.post<void>('/api/auth/password-reset', { email }, { auth: false }),
  confirmReset: (api: Api, token: string, password: string) =>
    api.post<void>('/api/auth/password-reset/confirm', { token, password }, { auth: false }),
};

export const me = {
  get: (api: Api) => api.get<User>('/api/me').then((u) => {
    api.updateUser(u);
    return u;
  }),
  rename: (api: Api, displayName: string) => api.patch<User>('/api/me', { displayName }).then((u) => {
    api.updateUser(u);
    return u;
  }),
  changePassword: (api: Api, currentPassword: string, newPassword: string) =>
    api.post<void>('/api/me/password', { currentPassword, newPassword }),
  rooms: (api: Api) => api.get<{ rooms: RoomSummary[] }>('/api/me/rooms').then((r) => r.rooms ?? []),
};

export const rooms = {
  create: (api: Api, body: Record<string, unknown>) => api.post<RoomSettingsView>('/api/rooms', body),
  get: (api: Api, id: string) => api.get<RoomSettingsView>(room(id)),
  preview: (api: Api, id: string) => api.get<RoomPreview>(`${room(id)}/preview`),
  /** Everyone in the room now, from its public snapshot: a big room's presence lists only a few. */
  everyone: (api: Api, id: string) => api.get<{ members?: MemberView[] }>(room(id)).then((r) => r.members ?? []),
  update: (api: Api, id: string, patch: RoomPatch) => api.patch<RoomSettingsView>(room(id), patch),
  remove: (api: Api, id: string) => api.delete<void>(room(id)),
  accessWithPassword: (api: Api, id: string, password: string) => api.post<{ role: RoomRole }>(`${room(id)}/access`, { password }),
  accessWithInvite: (api: Api, id: string, invite: string) => api.post<{ role: RoomRole }>(`${room(id)}/access`, { invite }),
  members: (api: Api, id: string) => api.get<{ members: Member[]; bans?: (Ban | string)[] }>(`${room(id)}/members`)
    .then((r) => ({ members: r.members ?? [], bans: (r.bans ?? []).map((b) => (typeof b === 'string' ? { userId: b } : b)) })),
  sync: (api: Api, id: string) => api.get<SyncFigures>(`${room(id)}/sync`),
  setRole: (api: Api, id: string, userId: string, role: RoomRole) =>
    api.put<void>(`${room(id)}/members/${encodeURIComponent(userId)}/role`, { role }),
  kick: (api: Api, id: string, userId: string) => api.post<void>(`${room(id)}/members/${encodeURIComponent(userId)}/kick`),
  ban: (api: Api, id: string, userId: string) => api.post<void>(`${room(id)}/bans`, { userId }),
  unban: (api: Api, id: string, userId: string) => api.delete<void>(`${room(id)}/bans/${encodeURIComponent(userId)}`),
  transfer: (api: Api, id: string, userId: string) => api.post<void>(`${room(id)}/owner`, { userId }),
  createInvite: (api: Api, id: string, body: { expiresInSeconds?: number; maxUses?: number }) =>
    api.post<Invite>(`${room(id)}/invites`, body),
  invites: (api: Api, id: string) => api.get<{ invites: Invite[] }>(`${room(id)}/invites`).then((r) => r.invites ?? []),
  revokeInvite: (api: Api, id: string, inviteId: string) => api.delete<void>(`${room(id)}/invites/${encodeURIComponent(inviteId)}`),
  /** One line per `seconds` for each writer but the room's staff; 0 turns it off (staff only). */
  setSlowMode: (api: Api, id: string, seconds: number) => api.put<void>(`${room(id)}/chat/slow-mode`, { seconds }),
};

export const invites = {
  get: (api: Api, token: string) => api.get<InviteInfo>(`/api/invites/${encodeURIComponent(token)}`),
};

export const directory = {
  search: (api: Api, q: string, limit = 50) =>
    api.get<{ rooms: RoomSummary[] }>(`/api/directory?q=${encodeURIComponent(q)}&limit=${limit}`).then((r) => r.rooms ?? []),
};

export type MediaStatus = 'uploading' | 'processing' | 'ready' | 'failed';

/** One item of the caller's library (docs/api.md, Media). What inspection finds is absent until it ran. */
export interface MediaItem {
  id: string;
  /** How a room plays it: `media:{id}`. */
  mediaId: string;
  title: string;
  fileName: string;
  sizeBytes: number;
  receivedBytes?: number;
  sha256?: string | null;
  contentType?: string;
  container?: string | null;
  videoCodec?: string | null;
  audioCodec?: string | null;
  durationMs?: number | null;
  width?: number | null;
  height?: number | null;
  status: MediaStatus;
  /** 0..1 while processing or converting, else null. */
  progress?: number | null;
  failureMessage?: string | null;
  warnings?: string[];
  posterUrl?: string | null;
  hasPoster?: boolean;
  createdAt: number;
  updatedAt?: number;
}

/** How much the caller may upload, and whether the server can inspect and convert video. */
export interface MediaLimits {
  maxFileBytes: number;
  quotaBytes: number;
  usedBytes: number;
  tools?: { probing: boolean; converting: boolean; message?: string | null };
}

const mediaPath = (id: string) => `/api/media/${encodeURIComponent(id)}`;

export const media = {
  list: (api: Api) => api.get<{ items: MediaItem[] }>('/api/media').then((r) => r.items ?? []),
  get: (api: Api, id: string) => api.get<MediaItem>(mediaPath(id)),
  rename: (api: Api, id: string, title: string) => api.patch<MediaItem>(mediaPath(id), { title }),
  remove: (api: Api, id: string) => api.delete<void>(mediaPath(id)),
  limits: (api: Api) => api.get<MediaLimits>('/api/media/limits'),
  /** A signed streaming URL for an uploaded item (its owner, or someone it is shared with). */
  url: (api: Api, itemId: string) =>
    api.post<{ url: string; expiresAt: number; posterUrl?: string | null }>(`${mediaPath(itemId)}/url`),
  /** The item's shares (owner only): with rooms, and with the owner's friends. */
  shares: (api: Api, id: string) => api.get<{ shares: MediaShare[] }>(`${mediaPath(id)}/shares`).then((r) => r.shares ?? []),
  shareWithFriends: (api: Api, id: string) => api.post<MediaShare>(`${mediaPath(id)}/shares`, { friends: true }),
  withdrawFriends: (api: Api, id: string) => api.delete<void>(`${mediaPath(id)}/shares/friends`),
  withdrawRoom: (api: Api, id: string, roomId: string) =>
    api.delete<void>(`${mediaPath(id)}/shares/rooms/${encodeURIComponent(roomId)}`),
};

/** Who besides its owner may watch a library item (docs/api.md, "Media shares"). */
export interface MediaShare {
  scope: 'room' | 'friends';
  roomId?: string;
  /** A room a friend shared it into through the friends share (it goes when that share is withdrawn). */
  viaFriends?: boolean;
  grantedBy: string;
  grantedAt: number;
}
