import { t, type MessageKey } from '../i18n/i18n';
import { rooms, type Invite } from '../net/cowatchApi';
import type { PageContext } from './app';
import { h, i18n } from './dom';
import { describeError } from './forms';
import { qrSvg } from './qr';
import { INVITE_EXPIRY_SECONDS, inviteRequest } from './settingsPatch';

const EXPIRY_LABELS: Record<number, MessageKey> = {
  3_600: 'invites.expiry.hour', 86_400: 'invites.expiry.day', 604_800: 'invites.expiry.week', 2_592_000: 'invites.expiry.month',
};

/** Invite links: create (expiry, max uses), list with copy and QR code, revoke. */
export class InvitesPanel {
  readonly element: HTMLDetailsElement;
  private readonly list = h('ul', { class: 'invites', id: 'invites' });
  private loaded = false;

  constructor(private readonly ctx: PageContext, private readonly roomId: string, private readonly toast: (text: string) => void) {
    const expiry = h('select', { id: 'invite-expiry', name: 'expiry' },
      ...INVITE_EXPIRY_SECONDS.map((s) => i18n(h('option', { value: s }), EXPIRY_LABELS[s]!)));
    expiry.value = '86400';
    const uses = i18n(h('input', { id: 'invite-uses', name: 'maxUses', type: 'number', min: 1, max: 1_000, step: 1 }), 'invites.usesDefault', 'placeholder');
    const error = h('p', { class: 'error', role: 'alert' });
    const create = i18n(h('button', { type: 'submit', class: 'primary', id: 'invite-create' }), 'invites.create');
    const form = h('form', { class: 'invite-form', id: 'invite-form' },
      h('div', { class: 'field' }, i18n(h('label', { for: 'invite-expiry' }), 'invites.expiry'), expiry),
      h('div', { class: 'field' }, i18n(h('label', { for: 'invite-uses' }), 'invites.maxUses'), uses),
      create, error);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      error.textContent = '';
      let body;
      try {
        body = inviteRequest(Number(expiry.value), uses.value);
      } catch {
        error.textContent = t('invites.usesInvalid');
        return;
      }
      create.disabled = true;
      rooms.createInvite(this.ctx.api, this.roomId, body).then((invite) => {
        create.disabled = false;
        this.list.prepend(this.row(invite, true));
        this.list.querySelector('.empty')?.remove();
      }, (err: unknown) => {
        error.textContent = describeError(err);
        create.disabled = false;
      });
    });
    this.element = h('details', { class: 'card panel', id: 'invites-panel', hidden: true },
      i18n(h('summary'), 'invites.title'), i18n(h('p', { class: 'muted' }), 'invites.intro'), form, this.list);
  }

  show(allowed: boolean): void {
    this.element.hidden = !allowed;
    if (allowed && !this.loaded) {
      this.loaded = true;
      this.load();
    }
  }

  private load(): void {
    rooms.invites(this.ctx.api, this.roomId).then((invites) => {
      const open = invites.filter((i) => !i.revoked);
      this.list.replaceChildren(...open.map((i) => this.row(i, false)));
      if (open.length === 0) this.list.append(i18n(h('li', { class: 'muted empty' }), 'invites.none'));
    }, (e: unknown) => this.list.replaceChildren(h('li', { class: 'error' }, describeError(e))));
  }

  private row(invite: Invite, fresh: boolean): HTMLElement {
    const url = invite.url;
    const input = h('input', { class: 'invite-url', readonly: true, value: url, 'aria-label': t('invites.link') });
    const copy = i18n(h('button', { type: 'button', class: 'small copy-invite' }), 'room.copyLink');
    copy.addEventListener('click', () => {
      input.select();
      const done = () => this.toast(t('room.copied'));
      if (navigator.clipboard) navigator.clipboard.writeText(url).then(done, () => document.execCommand('copy') && done());
      else if (document.execCommand('copy')) done();
    });
    const qr = h('figure', { class: 'qr', hidden: true });
    const qrToggle = i18n(h('button', { type: 'button', class: 'small', 'aria-expanded': 'false' }), 'room.showQr');
    qrToggle.addEventListener('click', () => {
      if (!qr.hasChildNodes()) {
        const svg = qrSvg(url);
        svg.setAttribute('aria-label', t('invites.qrAlt'));
        qr.append(svg);
      }
      qr.hidden = !qr.hidden;
      qrToggle.setAttribute('aria-expanded', String(!qr.hidden));
    });
    const revoke = i18n(h('button', { type: 'button', class: 'small danger' }), 'invites.revoke');
    const li = h('li', { class: 'invite-item', 'data-invite': invite.id }, input,
      h('div', { class: 'row wrap' }, copy, qrToggle, revoke), h('p', { class: 'muted small-text' }, describe(invite)), qr);
    revoke.addEventListener('click', () => {
      revoke.disabled = true;
      rooms.revokeInvite(this.ctx.api, this.roomId, invite.id).then(() => li.remove(), (e: unknown) => {
        this.toast(describeError(e));
        revoke.disabled = false;
      });
    });
    if (fresh) queueMicrotask(() => input.select());
    return li;
  }
}

function describe(invite: Invite): string {
  const parts = [invite.expiresAt ? t('invite.expires', { when: new Date(invite.expiresAt).toLocaleString() }) : t('invites.noExpiry')];
  if (typeof invite.usesLeft === 'number') parts.push(t('invite.usesLeft', { count: invite.usesLeft }));
  else if (typeof invite.maxUses === 'number') parts.push(t('invites.usedOf', { used: invite.uses ?? 0, max: invite.maxUses }));
  else parts.push(t('invites.unlimited'));
  return parts.join(' · ');
}
