import { t, type MessageKey } from '../i18n/i18n';
import type { Api } from '../net/api';
import { admin, type AdminMember, type AdminRoom } from '../net/adminApi';
import { formatTime, h, i18n } from './dom';
import { describeError } from './forms';

/** How often the live rooms are read again while the admin page is open. */
export const ROOMS_REFRESH_MS = 5_000;

/**
 * The admin page's live rooms: each with its owner, what plays and where, its activity and its members;
 * a room can be closed (with a reason) and a member banned (the ban form is filled in for them).
 */
export function liveRoomsSection(api: Api, banMember: (m: AdminMember) => void): { element: HTMLElement; refresh(): Promise<void> } {
  const body = h('div', { id: 'admin-rooms-list' });
  const status = h('p', { class: 'status-line', role: 'status' });
  const element = h('section', { class: 'card admin-section', id: 'admin-rooms', 'aria-labelledby': 'admin-rooms-title' },
    i18n(h('h2', { id: 'admin-rooms-title' }), 'admin.rooms'), body, status);

  const closeForm = (room: AdminRoom): HTMLElement => {
    const reason = h('input', { type: 'text', maxlength: 500, required: true, 'aria-label': t('admin.closeReason', { room: room.name }), placeholder: t('admin.closeReason', { room: room.name }) });
    const button = i18n(h('button', { type: 'submit', class: 'danger small' }), 'admin.close');
    const f = h('form', { class: 'inline-form admin-close', 'data-room': room.id }, reason, button);
    f.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (!reason.value.trim()) {
        reason.focus();
        return;
      }
      button.disabled = true;
      admin.closeRoom(api, room.id, reason.value.trim()).then(() => refresh(),
        (e: unknown) => (status.textContent = describeError(e))).finally(() => (button.disabled = false));
    });
    return f;
  };

  const member = (m: AdminMember): HTMLElement => {
    const ban = i18n(h('button', { type: 'button', class: 'small', 'data-user': m.userId }), 'admin.ban');
    ban.addEventListener('click', () => banMember(m));
    const figures = [m.role, m.connected ? null : t('member.offline'),
      m.driftMs === undefined ? null : `${Math.round(m.driftMs)} ms`].filter(Boolean).join(' · ');
    return h('li', { class: m.connected ? 'connected' : 'gone' }, h('span', { class: 'name' }, m.name), ' ',
      h('span', { class: 'muted' }, figures), ' ', m.role === 'owner' ? null : ban);
  };

  const row = (r: AdminRoom): HTMLElement => h('tr', { 'data-room': r.id },
    h('td', {}, h('a', { href: `/r/${encodeURIComponent(r.id)}` }, r.name), h('div', { class: 'muted' }, r.visibility)),
    h('td', {}, r.ownerName ?? r.ownerId),
    h('td', {}, r.mediaTitle ?? t('admin.nothing'), h('div', { class: 'muted' },
      t(`admin.state.${r.state}` as MessageKey), ' ', formatTime(r.positionMs))),
    h('td', {}, t('admin.connectedOf', { connected: r.connected, count: r.memberCount }),
      h('div', { class: 'muted' }, t('admin.changes', { count: r.timelineVersion }))),
    h('td', {}, h('ul', { class: 'admin-members' }, ...r.members.map(member))),
    h('td', {}, closeForm(r)));

  const refresh = async (): Promise<void> => {
    // A reason being typed is not thrown away by the next refresh.
    if (element.contains(document.activeElement) && document.activeElement?.tagName === 'INPUT') return;
    try {
      const rooms = await admin.rooms(api);
      body.replaceChildren(rooms.length === 0 ? i18n(h('p', { class: 'muted' }), 'admin.roomsNone')
        : h('table', { class: 'admin-table' },
          h('thead', {}, h('tr', {}, ...(['admin.room', 'admin.owner', 'admin.playing', 'admin.activity', 'admin.members'] as const)
            .map((k) => i18n(h('th', { scope: 'col' }), k)), h('th', {}))),
          h('tbody', {}, ...rooms.map(row))));
      status.textContent = '';
    } catch (e) {
      status.textContent = describeError(e);
    }
  };
  return { element, refresh };
}
