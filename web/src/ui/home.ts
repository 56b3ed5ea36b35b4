import { t } from '../i18n/i18n';
import { h, i18n } from './dom';
import { parseRoomRef } from './links';
import { forgetRoom, recentRooms } from './storage';

/** The start page: create a room, join one by link or code, or go back to a recent one. */
export function homePage(navigate: (path: string) => void): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const name = i18n(h('input', { id: 'room-name', name: 'name', maxlength: 80, autocomplete: 'off' }), 'home.create.namePlaceholder', 'placeholder');
  const url = h('input', { id: 'room-url', name: 'url', type: 'url', maxlength: 2048, autocomplete: 'off', placeholder: 'https://…/video.mp4' });
  const create = h('form', { class: 'card', id: 'create-room' },
    i18n(h('h2'), 'home.create.title'),
    i18n(h('label', { for: 'room-name' }), 'home.create.name'), name,
    i18n(h('label', { for: 'room-url' }), 'home.create.url'), url,
    i18n(h('button', { type: 'submit', class: 'primary' }), 'home.create.submit'));
  create.addEventListener('submit', (e) => {
    e.preventDefault();
    error.textContent = '';
    const body: Record<string, string> = {};
    if (name.value.trim()) body['name'] = name.value.trim();
    if (url.value.trim()) body['mediaId'] = url.value.trim();
    fetch('/api/rooms', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(async (res) => {
        const json = (await res.json()) as { id?: string; detail?: string };
        if (!res.ok || !json.id) throw new Error(json.detail ?? res.statusText);
        navigate(`/r/${json.id}`);
      })
      .catch((e: unknown) => {
        error.textContent = t('error.generic', { message: e instanceof Error ? e.message : String(e) });
      });
  });

  const ref = i18n(h('input', { id: 'join-ref', name: 'ref', autocomplete: 'off' }), 'home.join.input', 'placeholder');
  const join = h('form', { class: 'card', id: 'join-room' },
    i18n(h('h2'), 'home.join.title'),
    i18n(h('label', { for: 'join-ref' }), 'home.join.input'), ref,
    i18n(h('button', { type: 'submit' }), 'home.join.submit'));
  join.addEventListener('submit', (e) => {
    e.preventDefault();
    const id = parseRoomRef(ref.value);
    if (id) navigate(`/r/${id}`);
    else error.textContent = t('home.join.invalid');
  });

  const list = h('ul', { class: 'recent' });
  const renderRecent = () => {
    list.replaceChildren();
    const rooms = recentRooms();
    if (rooms.length === 0) list.append(i18n(h('li', { class: 'muted' }), 'home.recent.empty'));
    for (const room of rooms) {
      const forget = i18n(h('button', { type: 'button', class: 'link' }), 'home.recent.forget');
      forget.addEventListener('click', () => {
        forgetRoom(room.id);
        renderRecent();
      });
      list.append(h('li', {}, h('a', { href: `/r/${room.id}` }, room.name || room.id), ' ', forget));
    }
  };
  renderRecent();

  return h('main', { class: 'home' },
    i18n(h('p', { class: 'tagline' }), 'app.tagline'),
    error,
    h('div', { class: 'cards' }, create, join),
    h('section', { class: 'card' }, i18n(h('h2'), 'home.recent.title'), list));
}
