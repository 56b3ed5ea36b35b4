/** Room links look like https://host/r/{roomId}; a bare code is the room id itself. */
const ROOM_ID = /^[A-Za-z0-9_-]{4,64}$/;

export function roomLink(origin: string, roomId: string): string {
  return `${origin}/r/${encodeURIComponent(roomId)}`;
}

/** The room id in a pasted link or code, or undefined when it is neither. */
export function parseRoomRef(input: string): string | undefined {
  const text = input.trim();
  if (ROOM_ID.test(text)) return text;
  try {
    const url = new URL(text);
    const match = /^\/r\/([A-Za-z0-9_-]{4,64})\/?$/.exec(url.pathname);
    return match?.[1];
  } catch {
    return undefined;
  }
}

export function socketUrl(location: { protocol: string; host: string }, roomId: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws/rooms/${encodeURIComponent(roomId)}`;
}
