import { onLanguageChange, t, type MessageKey } from '../i18n/i18n';
import type { Api, LocalSessionStore, Session } from '../net/api';
import { notifications, PAGE_SIZE, type AppNotification, type NotificationPage } from '../net/socialApi';
import type { Cleanup, PageContext } from './app';
import { h, i18n } from './dom';
import { describeError, notice } from './forms';
import { icon } from './icons';
import { notificationHref } from './notificationLinks';
import { timeElement } from './when';

/**
 * How often the app reads its notifications. The server counts a read as a presence check-in
 * and calls someone offline 90 s after the last one (docs/api.md, "Presence"), so this must stay
 * well under that.
 */
export const POLL_MS = 30_000;

/**
 * The bell in the header with the unread count. It polls while an account is signed in (guests
 * have no friends to hear from) and tells the notifications page what it read.
 */
class NotificationCenter {
  private bell: HTMLAnchorElement | undefined;
  private count: HTMLSpanElement | undefined;
  private api: Api | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private userId: string | undefined;
  private unread = 0;
  private readonly listeners = new Set<(page: NotificationPage) => void>();

  /** The header's bell link; the same element every time, so the header can be redrawn around it. */
  get element(): HTMLAnchorElement {
    if (!this.bell) {
      this.count = h('span', { class: 'count' });
      this.bell = h('a', { href: '/notifications', id: 'nav-notifications', class: 'bell' }, icon('bell'), this.count);
      onLanguageChange(() => this.render());
      this.render();
    }
    return this.bell;
  }

  /** Follows the session: polls for an account, stops for a guest or nobody. */
  start(api: Api, sessions: LocalSessionStore): void {
    this.api = api;
    const follow = (s: Session | undefined) => {
      const id = s?.user.kind === 'account' ? s.user.id : undefined;
      if (id === this.userId) return; // a refreshed token: same person, keep the rhythm
      this.userId = id;
      clearInterval(this.timer);
      this.timer = undefined;
      this.unread = 0;
      this.render();
      if (id) {
        void this.refresh();
        this.timer = setInterval(() => void this.refresh(), POLL_MS);
      }
    };
    sessions.onChange(follow);
    follow(api.session);
  }

  /** Reads the newest notifications now (also a presence check-in). */
  async refresh(): Promise<NotificationPage | undefined> {
    if (!this.api || !this.userId) return undefined;
    try {
      const page = await notifications.page(this.api);
      this.unread = page.unread;
      this.render();
      this.listeners.forEach((l) => l(page));
      return page;
    } catch {
      return undefined; // offline for a moment: the next poll tries again
    }
  }

  onUpdate(listener: (page: NotificationPage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private render(): void {
    if (!this.bell || !this.count) return;
    this.count.textContent = this.unread > 0 ? String(Math.min(this.unread, 99)) + (this.unread > 99 ? '+' : '') : '';
    this.count.hidden = this.unread === 0;
    this.bell.classList.toggle('has-unread', this.unread > 0);
    const label = this.unread > 0 ? t('notifications.bellUnread', { count: this.unread }) : t('notifications.bell');
    this.bell.setAttribute('aria-label', label);
    this.bell.title = label;
  }
}

export const notificationCenter = new NotificationCenter();

/** What a notification says, in the reader's language. */
export function notificationText(n: AppNotification): string {
  const name = n.actor?.displayName ?? t('notifications.someone');
  const data = n.data ?? {};
  switch (n.kind) {
    case 'friendRequest': return t('notifications.friendRequest', { name });
    case 'friendAccepted': return t('notifications.friendAccepted', { name });
    case 'roomInvite': return t('notifications.roomInvite', { name, room: data['roomName'] ?? '' });
    case 'showingInvite': return t('notifications.showingInvite', { name, title: data['title'] ?? '' });
    default: return t('notifications.other', { name });
  }
}

/** `/notifications`: the newest 50 (and older on request); opening the page marks them read. */
export function notificationsPage(main: HTMLElement, ctx: PageContext): Cleanup {
  let alive = true;
  const list = h('ul', { class: 'notification-list', id: 'notifications' });
  const older = i18n(h('button', { type: 'button', id: 'notifications-older', hidden: true }), 'notifications.older');
  const error = h('p', { class: 'error', role: 'alert' });
  main.replaceChildren(h('section', { class: 'card' }, i18n(h('h1'), 'notifications.title'), list, error, older));
  if (ctx.api.session?.user.kind !== 'account') {
    list.replaceWith(signInFirst('notifications.signIn', '/notifications'));
    return () => undefined;
  }
  list.append(h('li', {}, notice('page.loading')));
  let oldest: number | undefined;
  const show = (items: AppNotification[], append: boolean) => {
    const rows = items.map(row);
    if (append) list.append(...rows);
    else list.replaceChildren(...rows);
    if (!append && items.length === 0) list.append(h('li', {}, notice('notifications.empty')));
    oldest = items.at(-1)?.id ?? oldest;
    older.hidden = items.length < PAGE_SIZE;
  };
  notifications.page(ctx.api).then((page) => {
    if (!alive) return;
    show(page.notifications, false);
    const newest = page.notifications[0];
    if (page.unread > 0 && newest) {
      // Seen now: the bell goes quiet; the rows keep their "new" mark until the page is left.
      notifications.markRead(ctx.api, newest.id).then(() => notificationCenter.refresh(), () => undefined);
    }
  }, (e: unknown) => alive && list.replaceChildren(h('li', { class: 'error', role: 'alert' }, describeError(e))));
  older.addEventListener('click', () => {
    older.disabled = true;
    notifications.page(ctx.api, oldest).then((page) => alive && show(page.notifications, true),
      (e: unknown) => (error.textContent = describeError(e))).finally(() => (older.disabled = false));
  });
  return () => {
    alive = false;
  };
}

function row(n: AppNotification): HTMLElement {
  const href = notificationHref(n);
  const text = notificationText(n);
  return h('li', { class: `notification${n.read ? '' : ' unread'}`, 'data-kind': n.kind, 'data-id': n.id },
    href ? h('a', { href }, text) : h('span', {}, text),
    h('span', { class: 'muted small-text' }, timeElement(n.createdAt)),
    n.read ? null : i18n(h('span', { class: 'badge new' }), 'notifications.new'));
}

/** The note a signed-out visitor or a guest gets on the social pages. */
export function signInFirst(key: MessageKey, next: string): HTMLElement {
  return h('p', { class: 'muted' }, i18n(h('span'), key), ' ',
    i18n(h('a', { href: `/signin?next=${encodeURIComponent(next)}` }), 'nav.signIn'), ' · ',
    i18n(h('a', { href: '/signup' }), 'nav.signUp'));
}
