import { t } from '../i18n/i18n';
import { friends, showings, type Friend, type ShowingView } from '../net/socialApi';
import type { PageContext } from './app';
import { h, i18n } from './dom';
import { describeError, notice } from './forms';
import { friendPicker } from './showingForm';
import { StartPicker } from './startPicker';

/** The planner's panel: move the start, invite more friends, cancel. */
export function manage(ctx: PageContext, v: ShowingView, reload: () => void): HTMLElement {
  const status = h('p', { class: 'status-line', role: 'status', id: 'manage-status' });
  const picker = new StartPicker('reschedule', v.startsAt, v.timeZone);
  const move = i18n(h('button', { type: 'submit', id: 'reschedule-save' }), 'showing.reschedule');
  const moveForm = h('form', { class: 'subform', id: 'reschedule', novalidate: true }, i18n(h('h3'), 'showing.rescheduleTitle'), picker.element, move);
  moveForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const picked = picker.read(Date.now());
    if (!picked) return;
    move.disabled = true;
    showings.reschedule(ctx.api, v.id, picked.startsAt, picked.timeZone).then(() => {
      status.textContent = t('showing.rescheduled');
      closeAndReload();
    }, (err: unknown) => (status.textContent = describeError(err))).finally(() => (move.disabled = false));
  });

  const inviteBox = h('div', { class: 'subform', id: 'invite-more' }, notice('page.loading'));
  const taken = new Set([...v.going, ...v.invited].map((p) => p.userId));
  friends.overview(ctx.api).then((o) => {
    const open = o.friends.filter((f: Friend) => !taken.has(f.userId));
    const picker2 = friendPicker('invite-more-friends', open, 'showing.inviteMore');
    const send = i18n(h('button', { type: 'button', id: 'invite-more-send' }), 'showing.inviteSend');
    send.hidden = open.length === 0;
    send.addEventListener('click', () => {
      const ids = picker2.chosen();
      if (ids.length === 0) return;
      send.disabled = true;
      showings.invite(ctx.api, v.id, ids).then(() => {
        status.textContent = t('showing.invitedMore', { count: ids.length });
        closeAndReload();
      }, (err: unknown) => (status.textContent = describeError(err))).finally(() => (send.disabled = false));
    });
    inviteBox.replaceChildren(picker2.element, send);
  }, (err: unknown) => inviteBox.replaceChildren(h('p', { class: 'error' }, describeError(err))));

  const cancel = i18n(h('button', { type: 'button', class: 'danger', id: 'showing-cancel' }), 'showing.cancel');
  cancel.addEventListener('click', () => {
    if (!confirm(t('showing.cancelConfirm', { title: v.title }))) return;
    cancel.disabled = true;
    showings.cancel(ctx.api, v.id).then(closeAndReload, (err: unknown) => {
      status.textContent = describeError(err);
      cancel.disabled = false;
    });
  });
  const panel = h('details', { class: 'card panel', id: 'showing-manage' },
    i18n(h('summary'), 'showing.manage'), moveForm, inviteBox, h('div', { class: 'row' }, cancel), status);
  function closeAndReload(): void {
    panel.open = false;
    reload();
  }
  return panel;
}
