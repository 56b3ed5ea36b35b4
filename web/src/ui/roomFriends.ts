import { t } from '../i18n/i18n';
import { friends, type FriendsOverview } from '../net/socialApi';
import type { MemberView } from '../protocol';
import type { PageContext } from './app';
import { h, i18n } from './dom';
import { describeError } from './forms';

/**
 * The room page's friendly side, for accounts: invite a friend to this room (a notification and
 * a mail), and "add friend" beside people in the participant list.
 */
export class RoomFriends {
  readonly element: HTMLElement;
  private readonly select = h('select', { id: 'invite-friend-select' });
  private readonly send = i18n(h('button', { type: 'button', id: 'invite-friend' }), 'roomFriends.invite');
  private readonly status = h('p', { class: 'status-line small-text', role: 'status', id: 'invite-friend-status' });
  private overview: FriendsOverview | undefined;
  /** Asked from this page, before the overview is read again. */
  private readonly asked = new Set<string>();
  private disposed = false;

  constructor(private readonly ctx: PageContext, private readonly roomId: string, private readonly toast: (text: string) => void,
    private readonly changed: () => void) {
    i18n(this.select, 'roomFriends.choose', 'aria-label');
    this.element = h('div', { class: 'card', id: 'room-friends', hidden: true },
      i18n(h('h2'), 'roomFriends.title'), h('div', { class: 'row' }, this.select, this.send), this.status);
    this.send.addEventListener('click', () => this.invite());
  }

  private get isAccount(): boolean {
    return this.ctx.api.session?.user.kind === 'account';
  }

  /** Reads the friends again (on joining and when people come and go). */
  refresh(): void {
    if (!this.isAccount) return;
    friends.overview(this.ctx.api).then((o) => {
      if (this.disposed) return;
      this.overview = o;
      this.asked.clear();
      this.render();
      this.changed();
    }, () => undefined); // no friends feature on this server: the card stays hidden
  }

  dispose(): void {
    this.disposed = true;
  }

  /** An "Add friend" button for a participant who is an account and not a friend yet, else nothing. */
  memberAction(m: MemberView): Node | null {
    const o = this.overview;
    const me = this.ctx.api.user?.id;
    if (!o || !m.userId || m.userId === me || m.role === 'guest') return null;
    const id = m.userId;
    if (o.friends.some((f) => f.userId === id) || o.blocked.some((p) => p.userId === id)) return null;
    if (this.asked.has(id) || o.outgoing.some((r) => r.userId === id)) {
      return i18n(h('span', { class: 'tags' }), 'roomFriends.requested');
    }
    const incoming = o.incoming.some((r) => r.userId === id);
    const add = h('button', { type: 'button', class: 'small add-friend', 'data-user': id },
      t(incoming ? 'roomFriends.acceptFriend' : 'roomFriends.addFriend'));
    add.setAttribute('aria-label', t('roomFriends.addFriendWho', { name: m.name }));
    add.addEventListener('click', () => {
      add.disabled = true;
      friends.requestUser(this.ctx.api, id).then((r) => {
        this.toast(t(r.status === 'friends' ? 'roomFriends.nowFriends' : 'roomFriends.sent', { name: m.name }));
        this.asked.add(id);
        this.refresh();
      }, (e: unknown) => {
        this.toast(describeError(e));
        add.disabled = false;
      });
    });
    return add;
  }

  private render(): void {
    const list = this.overview?.friends ?? [];
    this.element.hidden = list.length === 0;
    const chosen = this.select.value;
    this.select.replaceChildren(...[...list].sort((a, b) => Number(b.online) - Number(a.online) || a.displayName.localeCompare(b.displayName))
      .map((f) => h('option', { value: f.userId }, f.online ? `${f.displayName} (${t('members.online')})` : f.displayName)));
    if (list.some((f) => f.userId === chosen)) this.select.value = chosen;
  }

  private invite(): void {
    const friend = this.overview?.friends.find((f) => f.userId === this.select.value);
    if (!friend) return;
    this.send.disabled = true;
    friends.inviteToRoom(this.ctx.api, friend.userId, this.roomId).then(
      () => (this.status.textContent = t('roomFriends.invited', { name: friend.displayName })),
      (e: unknown) => (this.status.textContent = describeError(e)),
    ).finally(() => (this.send.disabled = false));
  }
}
