import type { SiteNotice } from '../net/adminApi';

/** Dismissed ids a browser keeps; older ones belong to notices long expired. */
export const MAX_DISMISSED = 50;

/** The notices to show at `now`: not expired (a withdrawn one comes with an expiry in the past), not dismissed, newest first. */
export function visibleNotices(notices: Iterable<SiteNotice>, dismissed: readonly string[], now: number): SiteNotice[] {
  return [...notices].filter((n) => n.expiresAtMs > now && !dismissed.includes(n.id))
    .sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
}

/** When the banner must be drawn again because a shown notice expires; undefined when none does. */
export function nextExpiry(visible: readonly SiteNotice[]): number | undefined {
  const next = Math.min(...visible.map((n) => n.expiresAtMs));
  return Number.isFinite(next) ? next : undefined;
}

/** The dismissed list with `id` added, the oldest dropped beyond {@link MAX_DISMISSED}. */
export function withDismissed(dismissed: readonly string[], id: string): string[] {
  return [...dismissed.filter((d) => d !== id), id].slice(-MAX_DISMISSED);
}
