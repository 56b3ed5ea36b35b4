import { t } from '../i18n/i18n';
import { rooms } from '../net/cowatchApi';
import { ensureIdentity, type PageContext } from './app';
import { h, i18n } from './dom';
import { describeError } from './forms';
import { parseRoomRef } from './links';
import { forgetRoom, recentRooms, savedName, saveName } from './storage';

/**
 * The start page: create a room, join one by link or code, or go back to a recent one. Nobody
 * has to sign up: without a session, creating a room first makes a guest identity of the name.
 */
export function homePage(ctx: PageContext): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const signedIn = Boolean(ctx.api.session);
  const nickname = h('input', { id: 'your-name', name: 'nickname', maxlength: 40, autocomplete: 'nickname', value: savedName(), required: true });
  const name = i18n(h('input', { id: 'room-name', name: 'name', maxlength: 80, autocomplete: 'off' }), 'home.create.namePlaceholder', 'placeholder');
  const url = h('input', { id: 'room-url', name: 'url', type: 'url', maxlength: 2048, autocomplete: 'off', placeholder: 'https://…/video.mp4' });
  const submit = i18n(h('button', { type: 'submit', class: 'primary' }), 'home.create.submit');
  const create = h('form', { class: 'card', id: 'create-room' },
    i18n(h('h2'), 'home.create.title'),
    signedIn ? null : i18n(h('label', { for: 'your-name' }), 'room.name.title'), signedIn ? null : nickname,
    i18n(h('label', { for: 'room-name' }), 'home.create.name'), name,
    i18n(h('label', { for: 'room-url' }), 'home.create.url'), url,
    submit);
  create.addEventListener('submit', (e) => {
    e.preventDefault();
    error.textContent = '';
    const me = nickname.value.trim();
    if (!ctx.api.session && (me.length < 1 || me.length > 40)) {
      error.textContent = t('room.name.invalid');
      nickname.focus();
      return;
    }
    const body: Record<string, string> = {};
    if (name.value.trim()) body['name'] = name.value.trim();
    if (url.value.trim()) body['mediaId'] = url.value.trim();
    submit.disabled = true;
    (async () => {
      if (!ctx.api.session) {
        saveName(me);
        await ensureIdentity(ctx.api, me);
      }
      const room = await rooms.create(ctx.api, body);
      ctx.navigate(`/r/${room.id}`);
    })().catch((e: unknown) => {
      error.textContent = describeError(e);
      submit.disabled = false;
    });
  });

  const ref = i18n(h('input', { id: 'join-ref', name: 'ref', autocomplete: 'off' }), 'home.join.input', 'placeholder');
  const join = h('form', { class: 'card', id: 'join-room' },
    i18n(h('h2'), 'home.join.title'),
    i18n(h('label', { for: 'join-ref' }), 'home.join.input'), ref,
    i18n(h('button', { type: 'submit' }), 'home.join.submit'),
    h('p', { class: 'muted' }, i18n(h('a', { href: '/directory' }), 'home.directory')),
    // A room of two devices with no server at all (nearby/nearbyPage.ts).
    h('p', { class: 'muted' }, i18n(h('a', { href: '/nearby', id: 'nearby-link', 'data-page': true }), 'nearby.homeLink')));
  join.addEventListener('submit', (e) => {
    e.preventDefault();
    const id = parseRoomRef(ref.value);
    if (id) ctx.navigate(`/r/${id}`);
    else error.textContent = t('home.join.invalid');
  });

  const list = h('ul', { class: 'recent' });
  const renderRecent = () => {
    list.replaceChildren();
    const recent = recentRooms();
    if (recent.length === 0) list.append(i18n(h('li', { class: 'muted' }), 'home.recent.empty'));
    for (const room of recent) {
      const forget = i18n(h('button', { type: 'button', class: 'link' }), 'home.recent.forget');
      forget.addEventListener('click', () => {
        forgetRoom(room.id);
        renderRecent();
      });
      list.append(h('li', {}, h('a', { href: `/r/${room.id}` }, room.name || room.id), ' ', forget));
    }
  };
  renderRecent();

  return h('div', { class: 'home' },
    // The page's one top-level heading: what Cowatch is for (the brand link above is not a heading).
    i18n(h('h1', { class: 'tagline' }), 'app.tagline'),
    error,
    h('div', { class: 'cards' }, create, join),
    h('section', { class: 'card' }, i18n(h('h2'), 'home.recent.title'), list));
}
