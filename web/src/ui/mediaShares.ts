import { t } from '../i18n/i18n';
import { media, type MediaItem, type MediaShare } from '../net/cowatchApi';
import type { PageContext } from './app';
import { h, i18n } from './dom';
import { describeError } from './forms';

/**
 * Who may watch an item besides its owner: a "Sharing" disclosure on the library page, loaded when opened. Rooms
 * get the item when the owner plays it there; friends only when the owner says so here. Nobody else can, whatever
 * they know of its id.
 */
export function mediaSharesView(item: MediaItem, ctx: PageContext): HTMLDetailsElement {
  const body = h('div', { class: 'media-shares-body' });
  const details = h('details', { class: 'media-shares' }, i18n(h('summary', {}), 'library.sharing'), body);
  let loaded = false;
  details.addEventListener('toggle', () => {
    if (!details.open || loaded) return;
    loaded = true;
    void render(item, ctx, body);
  });
  return details;
}

async function render(item: MediaItem, ctx: PageContext, body: HTMLElement): Promise<void> {
  body.replaceChildren(i18n(h('p', { class: 'muted' }), 'library.sharingLoading'));
  let shares: MediaShare[];
  try {
    shares = await media.shares(ctx.api, item.id);
  } catch (e: unknown) {
    body.replaceChildren(h('p', { class: 'error', role: 'alert' }, describeError(e)));
    return;
  }
  const error = h('p', { class: 'error', role: 'alert' });
  const again = () => void render(item, ctx, body);
  body.replaceChildren(
    i18n(h('p', { class: 'muted' }), 'library.sharingIntro'),
    friendsToggle(item, ctx, shares.some((s) => s.scope === 'friends'), error, again),
    roomList(item, ctx, shares.filter((s) => s.scope === 'room'), error, again),
    error);
}

function friendsToggle(item: MediaItem, ctx: PageContext, on: boolean, error: HTMLElement, done: () => void): HTMLElement {
  const id = `share-friends-${item.id}`;
  const box = h('input', { id, type: 'checkbox', class: 'media-share-friends', checked: on });
  box.addEventListener('change', () => {
    box.disabled = true;
    const change = box.checked ? media.shareWithFriends(ctx.api, item.id) : media.withdrawFriends(ctx.api, item.id);
    change.then(done, (e: unknown) => {
      error.textContent = describeError(e);
      box.checked = !box.checked;
      box.disabled = false;
    });
  });
  return h('p', { class: 'row' }, box, i18n(h('label', { for: id }), 'library.shareFriends'));
}

function roomList(item: MediaItem, ctx: PageContext, rooms: MediaShare[], error: HTMLElement, done: () => void): HTMLElement {
  if (rooms.length === 0) return i18n(h('p', { class: 'muted media-share-rooms-empty' }), 'library.sharedWithNoRoom');
  return h('ul', { class: 'media-share-rooms' }, ...rooms.map((share) => {
    const roomId = share.roomId ?? '';
    const stop = i18n(h('button', { type: 'button', class: 'small' }), 'library.stopSharing');
    stop.addEventListener('click', () => {
      stop.disabled = true;
      media.withdrawRoom(ctx.api, item.id, roomId).then(done, (e: unknown) => {
        error.textContent = describeError(e);
        stop.disabled = false;
      });
    });
    const by = share.viaFriends ? h('span', { class: 'muted' }, ` ${t('library.sharedOnByFriend')}`) : null;
    return h('li', { 'data-room': roomId },
      h('a', { href: `/r/${encodeURIComponent(roomId)}` }, t('library.sharedRoom', { room: roomId })), by, ' ', stop);
  }));
}
