import { t, type MessageKey } from '../i18n/i18n';
import { directory, me, type RoomSummary } from '../net/cowatchApi';
import type { Cleanup, PageContext } from './app';
import { h, i18n } from './dom';
import { describeError, notice } from './forms';

/** One room in a list: its name as a link, then what we know (role, visibility, people). */
export function roomItem(room: RoomSummary, inDirectory = false): HTMLElement {
  const facts: string[] = [];
  if (room.role) facts.push(t(`role.${room.role}` as MessageKey));
  if (room.visibility && !inDirectory) facts.push(t(`visibility.${room.visibility}` as MessageKey));
  if (room.ownerName && inDirectory) facts.push(t('rooms.by', { name: room.ownerName }));
  if (typeof room.online === 'number') facts.push(t('rooms.online', { count: room.online }));
  if (room.passwordProtected) facts.push(t('rooms.password'));
  return h('li', { class: 'room-item', 'data-room': room.id },
    h('a', { href: `/r/${encodeURIComponent(room.id)}` }, room.name || room.id),
    facts.length ? h('span', { class: 'muted' }, facts.join(' · ')) : null);
}

/** `/rooms`: the rooms I own or hold a role in. */
export function myRoomsPage(main: HTMLElement, ctx: PageContext): Cleanup {
  let alive = true;
  const list = h('ul', { class: 'room-list', id: 'my-rooms' });
  const section = h('section', { class: 'card' }, i18n(h('h1'), 'rooms.title'), list);
  main.replaceChildren(section);
  if (!ctx.api.session) {
    list.replaceWith(h('p', {}, i18n(h('span', { class: 'muted' }), 'rooms.signIn'), ' ', i18n(h('a', { href: '/signin?next=/rooms' }), 'nav.signIn')));
    return () => undefined;
  }
  list.append(h('li', {}, notice('page.loading')));
  me.rooms(ctx.api).then((rooms) => {
    if (!alive) return;
    list.replaceChildren(...rooms.map((r) => roomItem(r)));
    if (rooms.length === 0) list.append(h('li', {}, notice('rooms.empty'), i18n(h('a', { href: '/' }), 'rooms.create')));
  }, (e: unknown) => alive && list.replaceChildren(h('li', { class: 'error', role: 'alert' }, describeError(e))));
  return () => {
    alive = false;
  };
}

/** Time between the last key and the search, so typing a word sends one request. */
const SEARCH_DELAY_MS = 250;

/** `/directory?q=`: public rooms, searched by name as you type. */
export function directoryPage(main: HTMLElement, ctx: PageContext, q: string | undefined): Cleanup {
  let alive = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  const input = i18n(h('input', { id: 'directory-q', type: 'search', name: 'q', value: q ?? '', maxlength: 100, autocomplete: 'off' }), 'directory.placeholder', 'placeholder');
  const list = h('ul', { class: 'room-list', id: 'directory', 'aria-live': 'polite' });
  const search = () => {
    const query = input.value.trim();
    const mine = ++asked;
    history.replaceState(null, '', query ? `/directory?q=${encodeURIComponent(query)}` : '/directory');
    directory.search(ctx.api, query).then((rooms) => {
      if (!alive || mine !== asked) return; // a later search is under way
      list.replaceChildren(...rooms.map((r) => roomItem(r, true)));
      if (rooms.length === 0) list.append(h('li', {}, notice(query ? 'directory.noMatch' : 'directory.empty')));
    }, (e: unknown) => alive && mine === asked && list.replaceChildren(h('li', { class: 'error', role: 'alert' }, describeError(e))));
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, SEARCH_DELAY_MS);
  });
  const form = h('form', { class: 'search', role: 'search' }, i18n(h('label', { for: 'directory-q' }), 'directory.search'), input);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    search();
  });
  main.replaceChildren(h('section', { class: 'card' }, i18n(h('h1'), 'directory.title'), i18n(h('p', { class: 'muted' }), 'directory.intro'), form, list));
  search();
  return () => {
    alive = false;
    clearTimeout(timer);
  };
}
