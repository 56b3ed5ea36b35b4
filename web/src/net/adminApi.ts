import type { Api } from './api';

/** The site administrators' calls and the public notices (docs/api.md, "Site administration"), typed. */

export interface SiteNotice {
  id: string;
  text: string;
  createdAt?: number;
  expiresAtMs: number;
}

export interface AdminMember {
  userId: string;
  name: string;
  role: string;
  connected: boolean;
  readiness: string;
  joinedAtMs: number;
  driftMs?: number;
  rttMs?: number;
  client?: string;
}

export interface AdminRoom {
  id: string;
  name: string;
  visibility: string;
  ownerId: string;
  ownerName?: string;
  state: 'playing' | 'paused' | 'waiting';
  mediaId?: string;
  mediaTitle?: string;
  positionMs: number;
  timelineVersion: number;
  connected: number;
  memberCount: number;
  members: AdminMember[];
}

export interface SiteBan {
  userId: string;
  name?: string;
  email?: string;
  reason: string;
  bannedBy?: string;
  bannedAt: number;
}

export interface AuditEntry {
  seq: number;
  at: number;
  action: string;
  actorId?: string;
  subject?: string;
  details: Record<string, string>;
  address?: string;
  hash: string;
}

export interface AuditPage {
  verification: { status: 'intact' | 'broken'; rows?: number; headHash?: string; brokenAt?: number; reason?: string };
  entries: AuditEntry[];
  nextBefore?: number;
}

const enc = encodeURIComponent;

export const notices = {
  current: (api: Api) => api.get<{ notices: SiteNotice[] }>('/api/notices').then((r) => r.notices ?? []),
};

export const admin = {
  /** Whether the caller administers the site: answered to anyone signed in. */
  status: (api: Api) => api.get<{ admin: boolean }>('/api/admin'),
  rooms: (api: Api) => api.get<{ rooms: AdminRoom[] }>('/api/admin/rooms').then((r) => r.rooms),
  closeRoom: (api: Api, roomId: string, reason: string) =>
    api.post<void>(`/api/admin/rooms/${enc(roomId)}/close`, { reason }),
  bans: (api: Api) => api.get<{ bans: SiteBan[] }>('/api/admin/bans').then((r) => r.bans),
  ban: (api: Api, user: string, reason: string) => api.post<SiteBan>('/api/admin/bans', { user, reason }),
  unban: (api: Api, user: string) => api.delete<void>(`/api/admin/bans/${enc(user)}`),
  postNotice: (api: Api, text: string, minutes: number) => api.post<SiteNotice>('/api/admin/notices', { text, minutes }),
  withdrawNotice: (api: Api, id: string) => api.delete<void>(`/api/admin/notices/${enc(id)}`),
  audit: (api: Api, before?: number, limit = 50) =>
    api.get<AuditPage>(`/api/admin/audit?limit=${limit}${before === undefined ? '' : `&before=${before}`}`),
};
