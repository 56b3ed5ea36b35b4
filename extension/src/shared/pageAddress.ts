/** Longest page address a room may name (the server's limit on a media id). */
export const MAX_PAGE_ADDRESS = 2048;

/**
 * The address a room of this page names as its media: the page's http(s) URL without its fragment
 * (sites keep player state there), undefined for anything else. Two members are on the same page
 * when their addresses are equal.
 */
export function pageAddress(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  const text = url.toString();
  return text.length <= MAX_PAGE_ADDRESS ? text : undefined;
}

/** Whether the room's media is this page (both compared as page addresses). */
export function samePage(roomMedia: string | undefined, href: string): boolean {
  if (roomMedia === undefined) return false;
  const a = pageAddress(roomMedia);
  return a !== undefined && a === pageAddress(href);
}

/** The origin of a server address the person typed, or an error message. */
export function serverOrigin(text: string): { origin: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { error: 'Not an address: use the form https://cowatch.example.org' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: 'The server address must start with https:// or http://' };
  return { origin: url.origin };
}
