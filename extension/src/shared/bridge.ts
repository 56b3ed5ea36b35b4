import { parseAdBreaks, type AdBreak } from './adBreaks';

/**
 * The messages between the content script (isolated world) and the site adapters (the page's own
 * world), sent with window.postMessage. The page can read and send these too; the content script
 * accepts only the shapes below and the adapter only drives the player, so a page gains nothing
 * it could not do itself.
 */
export const TO_PAGE = 'cowatch:to-page';
export const TO_CONTENT = 'cowatch:to-content';

export type PlayerOp = 'play' | 'pause' | 'seek' | 'rate';

export type ToPage =
  | { readonly channel: typeof TO_PAGE; readonly kind: 'hello' }
  | { readonly channel: typeof TO_PAGE; readonly kind: 'command'; readonly id: number; readonly op: PlayerOp; readonly value: number };

export type ToContent =
  | { readonly channel: typeof TO_CONTENT; readonly kind: 'adapter'; readonly name: string }
  /** The ads spliced into the stream, on the media timeline (shared/adBreaks.ts), each time they change. */
  | { readonly channel: typeof TO_CONTENT; readonly kind: 'breaks'; readonly breaks: readonly AdBreak[] }
  /** The site's player is fetching what it needs to go on, or no longer, each time that changes. */
  | { readonly channel: typeof TO_CONTENT; readonly kind: 'busy'; readonly busy: boolean }
  | { readonly channel: typeof TO_CONTENT; readonly kind: 'done'; readonly id: number; readonly error?: string };

/**
 * The site's player says an ad plays (detail true) or ended (false): a DOM event on the window, not a message,
 * because it must reach the content script before the pause the ad causes does (a message arrives a task
 * later, and the pause would have become the person's gesture by then).
 */
export const AD_EVENT = 'cowatch:ad';

/** Whether an ad event says an ad plays; undefined for an event of another shape. */
export function adPlayingOf(e: Event): boolean | undefined {
  const detail = (e as CustomEvent<unknown>).detail;
  return typeof detail === 'boolean' ? detail : undefined;
}

const OPS: ReadonlySet<string> = new Set(['play', 'pause', 'seek', 'rate']);
const MAX_NAME = 64;

function record(data: unknown): Record<string, unknown> | undefined {
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
}

/** A message for the page's adapter, or undefined for anything else posted on the window. */
export function parseToPage(data: unknown): ToPage | undefined {
  const d = record(data);
  if (!d || d.channel !== TO_PAGE) return undefined;
  if (d.kind === 'hello') return { channel: TO_PAGE, kind: 'hello' };
  if (d.kind === 'command' && Number.isSafeInteger(d.id) && typeof d.op === 'string' && OPS.has(d.op)
      && typeof d.value === 'number' && Number.isFinite(d.value)) {
    return { channel: TO_PAGE, kind: 'command', id: d.id as number, op: d.op as PlayerOp, value: d.value };
  }
  return undefined;
}

/** A message from the page's adapter, or undefined for anything else posted on the window. */
export function parseToContent(data: unknown): ToContent | undefined {
  const d = record(data);
  if (!d || d.channel !== TO_CONTENT) return undefined;
  if (d.kind === 'adapter' && typeof d.name === 'string' && d.name.length > 0 && d.name.length <= MAX_NAME) {
    return { channel: TO_CONTENT, kind: 'adapter', name: d.name };
  }
  if (d.kind === 'breaks') {
    const breaks = parseAdBreaks(d.breaks);
    return breaks ? { channel: TO_CONTENT, kind: 'breaks', breaks } : undefined;
  }
  if (d.kind === 'busy' && typeof d.busy === 'boolean') return { channel: TO_CONTENT, kind: 'busy', busy: d.busy };
  if (d.kind === 'done' && Number.isSafeInteger(d.id)) {
    const error = typeof d.error === 'string' ? d.error.slice(0, MAX_NAME) : undefined;
    return error === undefined ? { channel: TO_CONTENT, kind: 'done', id: d.id as number }
      : { channel: TO_CONTENT, kind: 'done', id: d.id as number, error };
  }
  return undefined;
}
