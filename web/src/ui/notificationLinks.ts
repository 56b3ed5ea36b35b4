/**
 * Where a notification leads. Links in notifications are absolute (`<public-url>/r/...`); the app
 * follows only their path, and only the kinds of path it expects, so a notification can never
 * send anyone to another site.
 */

export interface NotificationLike {
  kind: string;
  data?: Record<string, string> | null;
}

const ROOM_OR_INVITE = /^\/(?:r|i)\/[A-Za-z0-9_.~-]{1,512}\/?$/;
const SHOWING = /^\/s\/[A-Za-z0-9_-]{1,64}\/?$/;
const ROOM_ID = /^[A-Za-z0-9_-]{4,64}$/;

/** The page a notification opens, or undefined when it has none. */
export function notificationHref(n: NotificationLike): string | undefined {
  const data = n.data ?? {};
  switch (n.kind) {
    case 'friendRequest':
    case 'friendAccepted':
      return '/friends';
    case 'roomInvite': {
      const path = pathOf(data['link'], ROOM_OR_INVITE);
      if (path) return path;
      const roomId = data['roomId'];
      return roomId && ROOM_ID.test(roomId) ? `/r/${roomId}` : undefined;
    }
    case 'showingInvite': {
      const id = data['showingId'];
      if (id && /^[A-Za-z0-9_-]{1,64}$/.test(id)) return `/s/${id}`;
      return pathOf(data['link'], SHOWING);
    }
    default:
      return undefined;
  }
}

function pathOf(link: string | undefined, allowed: RegExp): string | undefined {
  if (!link) return undefined;
  try {
    const path = new URL(link, 'http://cowatch.invalid').pathname;
    return allowed.test(path) ? path : undefined;
  } catch {
    return undefined;
  }
}
