import { t, type MessageKey } from '../i18n/i18n';
import { rooms, type Ban, type Member, type RoomRole, type SyncFigures } from '../net/cowatchApi';
import { ASSIGNABLE_ROLES, permissions, sortMembers } from '../net/permissions';
import type { PageContext } from './app';
import { h, i18n } from './dom';
import { describeError } from './forms';

/** Everyone who holds a role in the room, with the actions the viewer's role allows on each. */
export class MembersPanel {
  readonly element: HTMLDetailsElement;
  private readonly list = h('ul', { class: 'members', id: 'members' });
  private readonly bans = h('ul', { class: 'members', id: 'bans' });
  private readonly bansTitle = i18n(h('h3'), 'members.bans');
  private readonly summary = h('summary');
  /** How in sync the players are, for the room's staff (GET /api/rooms/{id}/sync). */
  private readonly syncLine = h('p', { class: 'sync-figures', id: 'sync-figures', hidden: true });
  /** A crowd at a glance: how many players at each distance, and who is furthest. */
  private readonly spreadLine = h('p', { class: 'sync-figures', id: 'sync-spread', hidden: true });
  /** Names of everyone listed so far: the server lists bans by user id only. */
  private readonly names = new Map<string, string>();

  constructor(private readonly ctx: PageContext, private readonly roomId: string, private readonly toast: (text: string) => void,
    private readonly changed: () => void) {
    this.element = h('details', { class: 'card panel', id: 'members-panel', hidden: true }, this.summary, this.syncLine, this.spreadLine, this.list, this.bansTitle, this.bans);
  }

  render(members: Member[], bans: Ban[], me: string, myRole: RoomRole | undefined): void {
    this.element.hidden = false;
    for (const m of members) this.names.set(m.userId, m.displayName);
    this.summary.textContent = t('members.title', { count: members.length });
    this.list.replaceChildren(...sortMembers(members).map((m) => this.row(m, m.userId === me, myRole)));
    this.bansTitle.hidden = bans.length === 0;
    this.bans.replaceChildren(...bans.map((b) => {
      const unban = i18n(h('button', { type: 'button', class: 'small' }), 'members.unban');
      unban.hidden = !permissions.unban(myRole);
      unban.addEventListener('click', () => this.act(unban, rooms.unban(this.ctx.api, this.roomId, b.userId)));
      return h('li', { class: 'member-row' }, h('span', { class: 'name' }, b.displayName ?? this.names.get(b.userId) ?? b.userId), h('span', { class: 'actions' }, unban));
    }));
  }

  /** The room's sync figures; undefined hides the line (the viewer is not staff). */
  showSync(f: SyncFigures | undefined): void {
    this.syncLine.hidden = f === undefined;
    this.spreadLine.hidden = f?.histogram === undefined || f.reporting === 0;
    if (f === undefined) return;
    if (!this.spreadLine.hidden) this.spreadLine.textContent = spreadText(f);
    const drift = f.reporting === 0 || f.medianDriftMs === undefined || f.worstDriftMs === undefined
      ? t('members.syncNone')
      : t('members.sync', { inSync: f.inSync, reporting: f.reporting, deadBand: Math.round(f.deadBandMs),
        median: Math.round(f.medianDriftMs), worst: Math.round(f.worstDriftMs) });
    // Older servers do not send corrections: the line stays as it was.
    this.syncLine.textContent = f.nudges === undefined || f.seeks === undefined || f.reporting === 0
      ? drift
      : `${drift} · ${t('members.syncCorrections', { nudges: f.nudges, seeks: f.seeks })}`;
  }

  private row(m: Member, isMe: boolean, myRole: RoomRole | undefined): HTMLElement {
    const actions: HTMLElement[] = [];
    if (!isMe && permissions.changeRole(myRole, m.role)) {
      const select = h('select', { class: 'small', 'aria-label': t('members.roleOf', { name: m.displayName }) },
        ...ASSIGNABLE_ROLES.map((r) => i18n(h('option', { value: r }), `role.${r}` as MessageKey)));
      select.value = m.role;
      select.addEventListener('change', () => this.act(select, rooms.setRole(this.ctx.api, this.roomId, m.userId, select.value as RoomRole)));
      actions.push(select);
    }
    if (!isMe && permissions.kick(myRole, m.role)) {
      const kick = h('button', { type: 'button', class: 'small', 'aria-label': t('members.kickWho', { name: m.displayName }) }, t('members.kick'));
      kick.addEventListener('click', () => this.act(kick, rooms.kick(this.ctx.api, this.roomId, m.userId)));
      actions.push(kick);
    }
    if (!isMe && permissions.ban(myRole, m.role)) {
      const ban = h('button', { type: 'button', class: 'small danger', 'aria-label': t('members.banWho', { name: m.displayName }) }, t('members.ban'));
      ban.addEventListener('click', () => {
        if (confirm(t('members.banConfirm', { name: m.displayName }))) this.act(ban, rooms.ban(this.ctx.api, this.roomId, m.userId));
      });
      actions.push(ban);
    }
    if (!isMe && permissions.transferOwnership(myRole, m.role)) {
      const transfer = h('button', { type: 'button', class: 'small', 'aria-label': t('members.makeOwnerWho', { name: m.displayName }) }, t('members.makeOwner'));
      transfer.addEventListener('click', () => {
        if (confirm(t('members.transferConfirm', { name: m.displayName }))) this.act(transfer, rooms.transfer(this.ctx.api, this.roomId, m.userId));
      });
      actions.push(transfer);
    }
    const tags = [t(`role.${m.role}` as MessageKey), isMe ? t('room.you') : ''].filter(Boolean).join(', ');
    return h('li', { class: `member-row ${m.online ? 'online' : 'offline'}`, 'data-user': m.userId },
      h('span', { class: 'dot', title: t(m.online ? 'members.online' : 'members.offline') },
        h('span', { class: 'sr-only' }, t(m.online ? 'members.online' : 'members.offline'))),
      h('span', { class: 'name' }, m.displayName),
      h('span', { class: 'tags' }, tags),
      actions.length ? h('span', { class: 'actions' }, ...actions) : null);
  }

  private act(control: HTMLButtonElement | HTMLSelectElement, call: Promise<unknown>): void {
    control.disabled = true;
    call.then(() => this.changed(), (e: unknown) => {
      this.toast(describeError(e));
      this.changed();
    });
  }
}

/** "By distance: ≤20 ms 40 · ≤50 ms 3 · … · more 2 · furthest: Bob −140 ms, Cid 90 ms". */
export function spreadText(f: SyncFigures): string {
  const buckets = (f.histogram ?? []).map((b) => (b.upToMs === undefined
    ? t('members.syncBeyond', { count: b.count })
    : t('members.syncUpTo', { ms: Math.round(b.upToMs), count: b.count })));
  const furthest = (f.furthest ?? []).map((m) => `${m.name} ${m.driftMs > 0 ? '+' : m.driftMs < 0 ? '\u2212' : ''}${Math.round(Math.abs(m.driftMs))} ms`);
  const spread = t('members.syncSpread', { buckets: buckets.join(' · ') });
  return furthest.length === 0 ? spread : `${spread} · ${t('members.syncFurthest', { names: furthest.join(', ') })}`;
}
