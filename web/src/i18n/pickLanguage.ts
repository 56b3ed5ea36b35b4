/**
 * The language saved by the person, else the first of the browser's languages we speak (by its base:
 * de-AT is de), else the first we know. Also used by the service worker, which has no catalogues.
 */
export function pickFrom<L extends string>(known: readonly L[], saved: string | null, browser: readonly string[]): L {
  const speaks = (tag: string): tag is L => (known as readonly string[]).includes(tag);
  if (saved && speaks(saved)) return saved;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (base && speaks(base)) return base;
  }
  return known[0]!;
}
