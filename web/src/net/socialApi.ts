import type { Api } from './api';

/**
 * The social calls of docs/api.md ("Friends and notifications", "Watch history", "Showings"),
 * typed. Kept apart from cowatchApi.ts so the two grow without stepping on each other.
 */

export interface Person {
  userId: string;
  displayName: string;
}

export interface Friend extends Person {
  since: number;
  online: boolean;
  /** Rooms they are in that the viewer could find or enter anyway. */
  watching: { roomId: string; name: string }[];
}

export interface FriendRequest extends Person {
  at: number;
}

export interface FriendsOverview {
  friends: Friend[];
  incoming: FriendRequest[];
  outgoing: FriendRequest[];
  blocked: Person[];
}

export type NotificationKind = 'friendRequest' | 'friendAccepted' | 'roomInvite' | 'showingInvite';

/**
 * The server leaves null fields out of its JSON, so everything the API documents as "null when ..."
 * arrives here as absent: the optional fields below.
 */
export interface AppNotification {
  id: number;
  /** A kind this client may not know yet is shown without a link. */
  kind: NotificationKind | string;
  actor?: Person | null;
  data: Record<string, string>;
  createdAt: number;
  read: boolean;
}

export interface NotificationPage {
  notifications: AppNotification[];
  unread: number;
}

export type ShowingVisibility = 'public' | 'unlisted' | 'private';

export interface Episode {
  mediaId: string;
  title: string;
  durationMs?: number | null;
}

export interface Showing {
  id: string;
  title: string;
  description?: string | null;
  startsAt: number;
  timeZone: string;
  endsAt?: number | null;
  visibility: ShowingVisibility;
  status: 'scheduled' | 'cancelled';
  roomId: string;
  link: string;
  episodes: Episode[];
}

export interface ShowingView extends Showing {
  ownerId: string;
  going: Person[];
  invited: Person[];
  myAnswer?: 'invited' | 'going' | 'declined' | null;
  mine: boolean;
  /** The server's clock when it answered. */
  now: number;
}

export interface ShowingDraft {
  title: string;
  description?: string;
  /** A local date-time such as `2026-12-01T20:00`, read in `timeZone`. */
  startsAt: string;
  timeZone: string;
  visibility?: ShowingVisibility;
  episodes: { mediaId: string; title?: string; durationMs?: number }[];
  invitees?: string[];
}

export interface HistoryEntry {
  id: number;
  roomId: string;
  roomName: string;
  mediaId: string;
  startedAt: number;
  /** Null while still watching. */
  endedAt?: number | null;
  durationMs: number;
  with: string[];
}

/** What the showing form needs of a library item (docs/api.md, Media). */
export interface LibraryEntry {
  id: string;
  mediaId: string;
  title: string;
  durationMs?: number | null;
  status: string;
}

const user = (id: string) => encodeURIComponent(id);
const showing = (id: string) => `/api/showings/${encodeURIComponent(id)}`;
const before = (id: number | undefined) => (id === undefined ? '' : `?before=${id}`);

export const friends = {
  overview: (api: Api) => api.get<FriendsOverview>('/api/friends'),
  requestByEmail: (api: Api, email: string) => api.post<{ status: 'pending' | 'friends' }>('/api/friends/requests', { email }),
  requestUser: (api: Api, userId: string) => api.post<{ status: 'pending' | 'friends' }>('/api/friends/requests', { userId }),
  accept: (api: Api, userId: string) => api.post<void>(`/api/friends/requests/${user(userId)}/accept`),
  decline: (api: Api, userId: string) => api.post<void>(`/api/friends/requests/${user(userId)}/decline`),
  cancel: (api: Api, userId: string) => api.delete<void>(`/api/friends/requests/${user(userId)}`),
  remove: (api: Api, userId: string) => api.delete<void>(`/api/friends/${user(userId)}`),
  block: (api: Api, userId: string) => api.put<void>(`/api/blocks/${user(userId)}`, undefined),
  unblock: (api: Api, userId: string) => api.delete<void>(`/api/blocks/${user(userId)}`),
  inviteToRoom: (api: Api, userId: string, roomId: string) =>
    api.post<{ link: string }>(`/api/friends/${user(userId)}/invite`, { roomId }),
};

export const notifications = {
  /** Reading them is also the presence check-in (docs/api.md, "Presence"). */
  page: (api: Api, beforeId?: number) => api.get<NotificationPage>(`/api/me/notifications${before(beforeId)}`),
  markRead: (api: Api, upTo: number) => api.post<{ marked: number }>('/api/me/notifications/read', { upTo }),
};

export const showings = {
  create: (api: Api, draft: ShowingDraft) => api.post<ShowingView>('/api/showings', draft),
  mine: (api: Api) => api.get<{ showings: Showing[] }>('/api/showings').then((r) => r.showings ?? []),
  get: (api: Api, id: string) => api.get<ShowingView>(showing(id)),
  reschedule: (api: Api, id: string, startsAt: string, timeZone: string) =>
    api.patch<ShowingView>(showing(id), { startsAt, timeZone }),
  cancel: (api: Api, id: string) => api.delete<void>(showing(id)),
  answer: (api: Api, id: string, going: boolean) => api.post<void>(`${showing(id)}/answer`, { going }),
  invite: (api: Api, id: string, userIds: string[]) => api.post<void>(`${showing(id)}/invitees`, { userIds }),
  enter: (api: Api, id: string) => api.post<{ roomId: string }>(`${showing(id)}/enter`),
  calendarPath: (id: string) => `${showing(id)}/calendar.ics`,
};

export const history = {
  list: (api: Api, beforeId?: number) =>
    api.get<{ entries: HistoryEntry[] }>(`/api/me/history${before(beforeId)}`).then((r) => r.entries ?? []),
  remove: (api: Api, id: number) => api.delete<void>(`/api/me/history/${id}`),
};

export const library = {
  list: (api: Api) => api.get<{ items: LibraryEntry[] }>('/api/media').then((r) => r.items ?? []),
};

/** Notifications and history come 50 at a time (docs/api.md). */
export const PAGE_SIZE = 50;
