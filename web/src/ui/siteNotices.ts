import { t } from '../i18n/i18n';
import type { Api } from '../net/api';
import { notices, type SiteNotice } from '../net/adminApi';
import { h, i18n } from './dom';
import { nextExpiry, visibleNotices, withDismissed } from './noticeRules';

/**
 * How often a page reads the notices. A room hears a new notice at once over its socket; the other
 * pages within this. A minute is cheap (one small GET per open tab) and soon enough for "maintenance
 * in 15 minutes".
 */
export const NOTICE_POLL_MS = 60_000;
const DISMISSED_KEY = 'cowatch.dismissedNotices';

/**
 * The banner over every page with the site administrators' notices: read at start and every minute, told
 * at once by the room socket (`notice` messages), each dismissable (remembered in this browser) and gone
 * when it expires or is withdrawn.
 */
class SiteNoticeBanner {
  readonly element: HTMLElement = i18n(h('div', { class: 'site-notices', id: 'site-notices' }), 'notice.label', 'aria-label');
  private readonly shown = new Map<string, SiteNotice>();
  private api: Api | undefined;
  private expiry: ReturnType<typeof setTimeout> | undefined;

  start(api: Api): void {
    this.api = api;
    void this.refresh();
    setInterval(() => void this.refresh(), NOTICE_POLL_MS);
  }

  async refresh(): Promise<void> {
    if (!this.api) return;
    try {
      const current = await notices.current(this.api);
      this.shown.clear();
      current.forEach((n) => this.shown.set(n.id, n));
      this.render();
    } catch {
      // offline for a moment, or an older server without notices: the next poll tries again
    }
  }

  /** A notice told over a socket: shown, or taken down when its expiry has passed (withdrawn). */
  receive(n: SiteNotice): void {
    if (n.expiresAtMs <= Date.now()) this.shown.delete(n.id);
    else this.shown.set(n.id, n);
    this.render();
  }

  private render(): void {
    clearTimeout(this.expiry);
    const now = Date.now();
    const visible = visibleNotices(this.shown.values(), readDismissed(), now);
    this.element.replaceChildren(...visible.map((n) => {
      const close = h('button', { type: 'button', class: 'small', 'aria-label': t('notice.dismiss') }, '\u00d7');
      close.addEventListener('click', () => {
        writeDismissed(withDismissed(readDismissed(), n.id));
        this.render();
      });
      // role=status: read out when it appears, without taking the focus from what the person is doing.
      return h('div', { class: 'site-notice', role: 'status', 'data-notice': n.id }, h('span', {}, n.text), close);
    }));
    const next = nextExpiry(visible);
    if (next !== undefined) this.expiry = setTimeout(() => this.render(), Math.min(next - now + 50, 2 ** 31 - 1));
  }
}

function readDismissed(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(DISMISSED_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function writeDismissed(ids: string[]): void {
  try {
    localStorage.setItem(DISMISSED_KEY, JSON.stringify(ids));
  } catch {
    // storage unavailable (private mode): dismissed for this page only
  }
}

export const siteNotices = new SiteNoticeBanner();
