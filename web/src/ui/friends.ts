import { t, type MessageKey } from '../i18n/i18n';
import { rooms } from '../net/cowatchApi';
import { friends, type Friend, type FriendsOverview, type FriendRequest, type Person } from '../net/socialApi';
import { sharePending } from '../p2p/pendingShare';
import { probe } from './sharePanel';
import type { Cleanup, PageContext } from './app';
import { h, i18n } from './dom';
import { describeError, form, notice } from './forms';
import { notificationCenter, POLL_MS, signInFirst } from './notifications';
import { timeElement } from './when';

/**
 * `/friends`: ask someone by email; answer, cancel; the friends with their presence (online,
 * watching in a room the viewer could enter); remove, block, unblock. Presence is read again on
 * the bell's rhythm while the page is open. "Watch a file with …" picks a video on this computer,
 * makes a private room, invites the friend (a notification and a mail, as any room invitation) and
 * opens the room, which offers the file as soon as it is in (p2p/pendingShare.ts).
 */
export function friendsPage(main: HTMLElement, ctx: PageContext): Cleanup {
  let alive = true;
  const status = h('p', { class: 'status-line', role: 'status', id: 'friends-status' });
  const lists = h('div', { class: 'friends-lists' }, notice('page.loading'));
  if (ctx.api.session?.user.kind !== 'account') {
    main.replaceChildren(h('section', { class: 'card' }, i18n(h('h1'), 'friends.title'), signInFirst('friends.signIn', '/friends')));
    return () => undefined;
  }
  const request = form({
    id: 'friend-request', title: 'friends.add', intro: 'friends.addIntro', submit: 'friends.send', className: 'card',
    fields: [{ name: 'email', label: 'account.email', type: 'email', required: true, maxlength: 254, autocomplete: 'off' }],
    async onSubmit(v, handle) {
      const r = await friends.requestByEmail(ctx.api, v['email']!);
      request.element.reset();
      handle.showMessage(t(r.status === 'friends' ? 'friends.nowFriends' : 'friends.sent'));
      load();
    },
  });
  main.replaceChildren(h('div', { class: 'friends-page' }, i18n(h('h1'), 'friends.title'),
    h('div', { class: 'friends-layout' }, lists, h('div', {}, request.element, status))));

  const act = (button: HTMLButtonElement, call: () => Promise<unknown>, done: MessageKey, name: string, confirmKey?: MessageKey) => {
    button.addEventListener('click', () => {
      if (confirmKey && !confirm(t(confirmKey, { name }))) return;
      button.disabled = true;
      call().then(() => {
        status.textContent = t(done, { name });
        load();
        void notificationCenter.refresh();
      }, (e: unknown) => {
        status.textContent = describeError(e);
        button.disabled = false;
      });
    });
    return button;
  };
  const button = (key: MessageKey, name: string, cls = '') =>
    h('button', { type: 'button', class: `small ${cls}`.trim(), 'aria-label': t(`${key}Who` as MessageKey, { name }) }, t(key));

  const watchFile = (f: Friend) => {
    const input = h('input', { type: 'file', accept: 'video/*,.mkv,.mp4,.webm,.mov', hidden: true, class: 'watch-file-input' });
    const start = h('button', { type: 'button', class: 'small primary watch-file',
      'aria-label': t('friends.watchFileWho', { name: f.displayName }) }, t('friends.watchFile'));
    start.addEventListener('click', () => input.click());
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.value = '';
      if (!file) return;
      start.disabled = true;
      status.textContent = t('p2p.checking', { name: file.name });
      watchFileWith(f, file).catch((e: unknown) => {
        status.textContent = describeError(e);
        start.disabled = false;
      });
    });
    return h('span', {}, start, input);
  };
  /** Checked first (a file the browser cannot play makes no room), then the room, the invitation, the room page. */
  const watchFileWith = async (f: Friend, file: File) => {
    const reason = await probe(file);
    if (reason !== null) throw new Error(t('p2p.cannotPlay', { name: file.name, reason }));
    const name = t('friends.watchFileRoom', { file: shorten(file.name, 40), name: shorten(f.displayName, 30) });
    const room = await rooms.create(ctx.api, { name, visibility: 'private' });
    await friends.inviteToRoom(ctx.api, f.userId, room.id);
    sharePending(room.id, file);
    ctx.navigate(`/r/${room.id}`);
  };

  const friendRow = (f: Friend) => h('li', { class: `friend ${f.online ? 'online' : 'offline'}`, 'data-user': f.userId },
    h('span', { class: 'dot', 'aria-hidden': 'true' }),
    h('span', { class: 'name' }, f.displayName),
    presence(f),
    h('span', { class: 'actions' },
      watchFile(f),
      act(button('friends.remove', f.displayName), () => friends.remove(ctx.api, f.userId), 'friends.removed', f.displayName, 'friends.removeConfirm'),
      act(button('friends.block', f.displayName, 'danger'), () => friends.block(ctx.api, f.userId), 'friends.blocked', f.displayName, 'friends.blockConfirm')));

  const incomingRow = (r: FriendRequest) => h('li', { class: 'request', 'data-user': r.userId },
    h('span', { class: 'name' }, r.displayName), h('span', { class: 'muted small-text' }, timeElement(r.at)),
    h('span', { class: 'actions' },
      act(button('friends.accept', r.displayName, 'primary accept'), () => friends.accept(ctx.api, r.userId), 'friends.accepted', r.displayName),
      act(button('friends.decline', r.displayName, 'decline'), () => friends.decline(ctx.api, r.userId), 'friends.declined', r.displayName),
      act(button('friends.block', r.displayName, 'danger'), () => friends.block(ctx.api, r.userId), 'friends.blocked', r.displayName, 'friends.blockConfirm')));

  const outgoingRow = (r: FriendRequest) => h('li', { class: 'request', 'data-user': r.userId },
    h('span', { class: 'name' }, r.displayName), h('span', { class: 'muted small-text' }, timeElement(r.at)),
    h('span', { class: 'actions' },
      act(button('friends.cancel', r.displayName), () => friends.cancel(ctx.api, r.userId), 'friends.cancelled', r.displayName)));

  const blockedRow = (p: Person) => h('li', { class: 'request', 'data-user': p.userId },
    h('span', { class: 'name' }, p.displayName),
    h('span', { class: 'actions' },
      act(button('friends.unblock', p.displayName), () => friends.unblock(ctx.api, p.userId), 'friends.unblocked', p.displayName)));

  const section = <T>(id: string, title: string, items: T[], row: (item: T) => HTMLElement, empty?: MessageKey) => {
    if (items.length === 0 && !empty) return null;
    const list = h('ul', { class: 'people', id }, ...items.map(row));
    if (items.length === 0 && empty) list.append(h('li', {}, notice(empty)));
    return h('section', { class: 'card' }, h('h2', {}, title), list);
  };

  const render = (o: FriendsOverview) => {
    const online = o.friends.filter((f) => f.online).length;
    lists.replaceChildren(...[
      section('friend-requests', t('friends.incoming', { count: o.incoming.length }), o.incoming, incomingRow),
      section('friend-list', t('friends.list', { count: o.friends.length, online }), sortFriends(o.friends), friendRow, 'friends.empty'),
      section('friend-outgoing', t('friends.outgoing', { count: o.outgoing.length }), o.outgoing, outgoingRow),
      section('friend-blocked', t('friends.blockedTitle', { count: o.blocked.length }), o.blocked, blockedRow),
    ].filter((s): s is HTMLElement => s !== null));
  };
  function load(): void {
    friends.overview(ctx.api).then((o) => alive && render(o),
      (e: unknown) => alive && lists.replaceChildren(h('p', { class: 'error', role: 'alert' }, describeError(e))));
  }
  load();
  const timer = setInterval(load, POLL_MS);
  return () => {
    alive = false;
    clearInterval(timer);
  };
}

/** At most `max` characters, an ellipsis for the rest (room names have a limit). */
function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Online first, then by name. */
export function sortFriends(list: Friend[]): Friend[] {
  return [...list].sort((a, b) => Number(b.online) - Number(a.online) || a.displayName.localeCompare(b.displayName));
}

/** "online", "offline", or "watching in <room>" with links to the rooms. */
function presence(f: Friend): HTMLElement {
  if (f.watching.length > 0) {
    const links: (Node | string)[] = [];
    f.watching.forEach((r, i) => {
      if (i > 0) links.push(', ');
      links.push(h('a', { href: `/r/${encodeURIComponent(r.roomId)}` }, r.name || r.roomId));
    });
    return h('span', { class: 'presence watching' }, t('friends.watching'), ' ', ...links);
  }
  return h('span', { class: 'presence' }, t(f.online ? 'members.online' : 'members.offline'));
}
