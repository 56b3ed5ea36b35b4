/**
 * The messages between the Cowatch web app and the browser extension's content script on the Cowatch server's
 * own pages (window.postMessage on that origin). The web app learns that the extension is there, and
 * asks it to open a room's web page and bind its video. Only these shapes are accepted; the extension
 * (extension/src/content/cowatchSite.ts) imports this file, so both sides read one definition.
 */
export const TO_EXTENSION = 'cowatch:to-extension';
export const FROM_EXTENSION = 'cowatch:from-extension';

export type ToExtension = {
  readonly channel: typeof TO_EXTENSION;
  readonly kind: 'openPage';
  readonly roomId: string;
  readonly page: string;
  /** The name the viewer uses in the web app (a guest's; an account's own name wins on the server). */
  readonly name: string;
};

export type FromExtension =
  | { readonly channel: typeof FROM_EXTENSION; readonly kind: 'present' }
  | { readonly channel: typeof FROM_EXTENSION; readonly kind: 'opened'; readonly page: string; readonly needsClick: boolean }
  | { readonly channel: typeof FROM_EXTENSION; readonly kind: 'failed'; readonly message: string };

const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_NAME = 40;
const MAX_PAGE = 2048;

/** An open-page request from the web app, or undefined for anything else posted on the window. */
export function parseToExtension(data: unknown): ToExtension | undefined {
  const d = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
  if (!d || d.channel !== TO_EXTENSION || d.kind !== 'openPage') return undefined;
  if (typeof d.roomId !== 'string' || !ROOM_ID.test(d.roomId)) return undefined;
  if (typeof d.page !== 'string' || d.page.length > MAX_PAGE || !/^https?:\/\//i.test(d.page)) return undefined;
  try {
    new URL(d.page);
  } catch {
    return undefined;
  }
  const name = typeof d.name === 'string' ? d.name.trim().slice(0, MAX_NAME) : '';
  return { channel: TO_EXTENSION, kind: 'openPage', roomId: d.roomId, page: d.page, name };
}
