import { t } from '../i18n/i18n';
import { history, library, PAGE_SIZE, type HistoryEntry } from '../net/socialApi';
import type { Cleanup, PageContext } from './app';
import { h, i18n } from './dom';
import { formatDuration } from './duration';
import { describeError, notice } from './forms';
import { formatDateTime, timeElement } from './when';

/**
 * `/history`: what I watched, where (the room, linked), when, how long and with whom, newest
 * first, 50 at a time; each entry can be removed. Guests have a history too.
 */
export function historyPage(main: HTMLElement, ctx: PageContext): Cleanup {
  let alive = true;
  const list = h('ul', { class: 'history-list', id: 'history' });
  const older = i18n(h('button', { type: 'button', id: 'history-older', hidden: true }), 'history.older');
  const status = h('p', { class: 'status-line', role: 'status' });
  const files = h('p', { class: 'muted' }, h('a', { href: '/files', id: 'history-files' }, t('p2p.storedTitle')));
  main.replaceChildren(h('section', { class: 'card' }, i18n(h('h1'), 'history.title'), i18n(h('p', { class: 'muted' }), 'history.intro'), list, status, older, files));
  if (!ctx.api.session) {
    list.replaceWith(h('p', { class: 'muted' }, i18n(h('span'), 'history.signIn'), ' ', i18n(h('a', { href: '/signin?next=/history' }), 'nav.signIn')));
    return () => undefined;
  }
  /** Titles of my own uploads; someone else's upload is just "an uploaded video". */
  const titles = new Map<string, string>();
  let oldest: number | undefined;
  const row = (e: HistoryEntry): HTMLElement => {
    const remove = h('button', { type: 'button', class: 'small', 'aria-label': t('history.removeWhat', { what: what(e, titles) }) }, t('history.remove'));
    const li = h('li', { class: 'history-entry', 'data-entry': e.id },
      h('span', { class: 'what' }, what(e, titles)),
      h('span', { class: 'where' }, t('history.in'), ' ', h('a', { href: `/r/${encodeURIComponent(e.roomId)}` }, e.roomName || e.roomId)),
      h('span', { class: 'muted' }, timeElement(e.startedAt, formatDateTime(e.startedAt)), ' · ',
        e.endedAt == null ? t('history.watchingNow') : formatDuration(e.durationMs)),
      e.with.length ? h('span', { class: 'with' }, t('history.with', { names: e.with.join(', ') })) : null,
      h('span', { class: 'actions' }, remove));
    remove.addEventListener('click', () => {
      remove.disabled = true;
      history.remove(ctx.api, e.id).then(() => {
        li.remove();
        if (!list.querySelector('.history-entry')) list.append(h('li', {}, notice('history.empty')));
      }, (err: unknown) => {
        status.textContent = describeError(err);
        remove.disabled = false;
      });
    });
    return li;
  };
  const show = (entries: HistoryEntry[], append: boolean) => {
    if (!append) list.replaceChildren();
    list.append(...entries.map(row));
    if (!append && entries.length === 0) list.append(h('li', {}, notice('history.empty')));
    oldest = entries.at(-1)?.id ?? oldest;
    older.hidden = entries.length < PAGE_SIZE;
  };
  list.append(h('li', {}, notice('page.loading')));
  Promise.all([
    history.list(ctx.api),
    library.list(ctx.api).then((items) => items.forEach((m) => titles.set(m.mediaId, m.title)), () => undefined),
  ]).then(([entries]) => alive && show(entries, false),
    (e: unknown) => alive && list.replaceChildren(h('li', { class: 'error', role: 'alert' }, describeError(e))));
  older.addEventListener('click', () => {
    older.disabled = true;
    history.list(ctx.api, oldest).then((entries) => alive && show(entries, true),
      (e: unknown) => (status.textContent = describeError(e))).finally(() => (older.disabled = false));
  });
  return () => {
    alive = false;
  };
}

/** What was watched, readably: my upload's title, "an uploaded video", or the URL's file name. */
function what(e: HistoryEntry, titles: Map<string, string>): string {
  const mine = titles.get(e.mediaId);
  if (mine) return mine;
  if (e.mediaId.startsWith('media:')) return t('showing.uploaded');
  try {
    const u = new URL(e.mediaId);
    const name = decodeURIComponent(u.pathname.slice(u.pathname.lastIndexOf('/') + 1));
    return name ? `${name} (${u.host})` : e.mediaId;
  } catch {
    return e.mediaId;
  }
}
