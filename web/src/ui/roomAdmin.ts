import { t, type MessageKey } from '../i18n/i18n';
import { ApiError } from '../net/api';
import { passwordSet, rooms, type Member, type RoomRole, type RoomSettingsView } from '../net/cowatchApi';
import { permissions } from '../net/permissions';
import type { PageContext } from './app';
import { h, i18n } from './dom';
import { describeError } from './forms';
import { InvitesPanel } from './roomInvites';
import { MembersPanel } from './roomMembers';
import { controlModeOf, ROOM_PASSWORD_MIN_LENGTH, settingsPatch, type SettingsForm } from './settingsPatch';

/** Presence changes come in bursts (a reconnect, a join): read the member list once per burst. */
const MEMBERS_REFRESH_DELAY_MS = 600;

/**
 * The room's management side panels: settings, members, invites. Each shows only when the
 * permission table lets the viewer use it; the server checks every action again.
 */
export class RoomAdmin {
  readonly element: HTMLElement;
  private role: RoomRole | undefined;
  private room: RoomSettingsView;
  private readonly settingsCard: HTMLDetailsElement;
  private readonly members: MembersPanel;
  private readonly invites: InvitesPanel;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly ctx: PageContext, room: RoomSettingsView, private readonly toast: (text: string) => void) {
    this.room = room;
    this.role = room.access?.role ?? undefined;
    this.settingsCard = h('details', { class: 'card panel', id: 'settings-panel', hidden: true });
    this.members = new MembersPanel(ctx, room.id, toast, () => this.refresh());
    this.invites = new InvitesPanel(ctx, room.id, toast);
    this.element = h('div', { class: 'admin' }, this.settingsCard, this.members.element, this.invites.element);
  }

  /** Reads the member list (and from it the viewer's role), then redraws what the role allows. */
  refresh(): void {
    clearTimeout(this.timer);
    const me = this.ctx.api.user?.id;
    if (!me) return;
    rooms.members(this.ctx.api, this.room.id).then(({ members, bans }) => {
      if (this.disposed) return;
      this.role = members.find((m: Member) => m.userId === me)?.role ?? this.role;
      this.members.render(members, bans ?? [], me, this.role);
      this.refreshSync();
      this.render();
    }, (e: unknown) => {
      // No such endpoint yet (older server) or not a member: nothing to manage.
      if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 403 && e.status !== 401)) this.toast(describeError(e));
      this.render();
    });
  }

  /**
   * The staff's sync line, read again with the member list: presence follows the players' health
   * reports (every 5 s), so the figures stay as fresh as the reports.
   */
  private refreshSync(): void {
    if (!permissions.kick(this.role, 'member')) {
      this.members.showSync(undefined);
      return;
    }
    rooms.sync(this.ctx.api, this.room.id).then((f) => {
      if (!this.disposed) this.members.showSync(f);
    }, () => this.members.showSync(undefined));
  }

  /** Someone changed the settings: show them, unless the viewer is editing the form right now. */
  settingsChanged(settings: Partial<RoomSettingsView>): void {
    const known = this.room as unknown as Record<string, unknown>;
    if (Object.entries(settings).every(([k, v]) => known[k] === v)) return; // our own change coming back
    this.room = { ...this.room, ...settings };
    if ('passwordProtected' in settings) delete this.room.hasPassword;
    if (this.settingsCard.hidden || this.settingsCard.contains(document.activeElement)) return;
    const open = this.settingsCard.open;
    this.settingsCard.replaceChildren();
    this.renderSettings();
    this.settingsCard.open = open;
  }

  presenceChanged(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), MEMBERS_REFRESH_DELAY_MS);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }

  private render(): void {
    this.settingsCard.hidden = !permissions.changeSettings(this.role);
    if (!this.settingsCard.hidden && !this.settingsCard.hasChildNodes()) this.renderSettings();
    this.invites.show(permissions.invite(this.role));
  }

  private renderSettings(): void {
    const room = this.room;
    const id = (n: string) => `settings-${n}`;
    const select = (name: string, values: readonly string[], prefix: string, value: string) => {
      const s = h('select', { id: id(name), name }, ...values.map((v) => i18n(h('option', { value: v }), `${prefix}.${v}` as MessageKey)));
      s.value = value;
      return s;
    };
    const name = h('input', { id: id('name'), name: 'name', maxlength: 80, value: room.name, required: true });
    const visibility = select('visibility', ['public', 'unlisted', 'private'], 'visibility', room.visibility ?? 'unlisted');
    const hasPassword = passwordSet(room);
    const password = i18n(h('input', { id: id('password'), name: 'password', type: 'password', minlength: ROOM_PASSWORD_MIN_LENGTH, maxlength: 128, autocomplete: 'new-password' }),
      hasPassword ? 'settings.passwordKeep' : 'settings.passwordNone', 'placeholder');
    const clearPassword = h('input', { id: id('clear-password'), type: 'checkbox', name: 'clearPassword' });
    const guests = h('input', { id: id('guests'), type: 'checkbox', name: 'guestsAllowed' });
    guests.checked = room.guestsAllowed ?? true;
    const control = select('control', ['everyone', 'moderators'], 'controlMode', controlModeOf(room));
    const buffering = select('buffering', ['waitForAll', 'neverWait'], 'buffering', room.bufferingPolicy ?? 'waitForAll');
    const max = h('input', { id: id('max'), name: 'maxMembers', type: 'number', min: 1, max: 1_000, step: 1, value: room.maxMembers ?? '' });
    const error = h('p', { class: 'error', role: 'alert' });
    const ok = h('p', { class: 'ok', role: 'status' });
    const save = i18n(h('button', { type: 'submit', class: 'primary', id: id('save') }), 'settings.save');
    const field = (input: HTMLElement, label: MessageKey) => h('div', { class: 'field' }, i18n(h('label', { for: input.id }), label), input);
    const check = (input: HTMLElement, label: MessageKey) => h('div', { class: 'check' }, input, i18n(h('label', { for: input.id }), label));
    const form = h('form', { id: 'settings-form', class: 'stack' },
      field(name, 'settings.name'),
      field(visibility, 'settings.visibility'),
      field(password, hasPassword ? 'settings.passwordChange' : 'settings.passwordSet'),
      hasPassword ? check(clearPassword, 'settings.passwordClear') : null,
      check(guests, 'settings.guests'),
      field(control, 'settings.control'),
      field(buffering, 'settings.buffering'),
      field(max, 'settings.maxMembers'),
      error, ok, save);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      error.textContent = '';
      ok.textContent = '';
      const values: SettingsForm = {
        name: name.value, visibility: visibility.value as SettingsForm['visibility'], password: password.value,
        clearPassword: clearPassword.checked, guestsAllowed: guests.checked, controlMode: control.value as SettingsForm['controlMode'],
        bufferingPolicy: buffering.value as SettingsForm['bufferingPolicy'], maxMembers: max.value,
      };
      let patch;
      try {
        patch = settingsPatch(this.room, values);
      } catch (invalid) {
        const tooShort = invalid instanceof RangeError && invalid.message === 'password';
        error.textContent = tooShort ? t('settings.passwordTooShort', { min: ROOM_PASSWORD_MIN_LENGTH }) : t('settings.maxInvalid');
        (tooShort ? password : max).focus();
        return;
      }
      if (Object.keys(patch).length === 0) {
        ok.textContent = t('settings.unchanged');
        return;
      }
      save.disabled = true;
      rooms.update(this.ctx.api, this.room.id, patch).then((updated) => {
        this.room = { ...this.room, ...updated };
        if (patch.password !== undefined && updated.passwordProtected === undefined) this.room.hasPassword = patch.password !== null;
        this.settingsCard.replaceChildren();
        this.renderSettings();
        this.settingsCard.querySelector('.ok')!.textContent = t('settings.saved');
      }, (err: unknown) => {
        error.textContent = describeError(err);
        save.disabled = false;
      });
    });
    this.settingsCard.append(i18n(h('summary'), 'settings.title'), form);
  }
}
