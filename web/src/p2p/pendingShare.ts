/**
 * A file chosen outside a room to be shared in it as soon as this page has joined it: the friends
 * page's "Watch a file with …" makes the room, then the room page shares the file. In memory only,
 * because a File cannot be stored: a reload in between drops it, and the room offers the share button.
 */
const pending = new Map<string, File>();

export function sharePending(roomId: string, file: File): void {
  pending.set(roomId, file);
}

/** The file waiting for this room, handed over once. */
export function takePendingShare(roomId: string): File | undefined {
  const file = pending.get(roomId);
  pending.delete(roomId);
  return file;
}
