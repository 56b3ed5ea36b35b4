import type { MessageKey } from '../i18n/i18n';
import { rooms } from '../net/cowatchApi';
import type { Refusal } from '../net/roomClient';
import type { RoomView } from '../protocol';
import type { PageContext } from './app';
import { h, i18n } from './dom';
import { form } from './forms';
import { withNext } from './router';

const MESSAGES: Record<Refusal, MessageKey> = {
  password_required: 'refusal.password',
  invite_required: 'refusal.invite',
  guests_not_allowed: 'refusal.guests',
  banned: 'refusal.banned',
  kicked: 'refusal.kicked',
  signed_out: 'refusal.signedOut',
  closed: 'refusal.closed',
};

export function isRefusal(code: string): code is Refusal {
  return code in MESSAGES;
}

/**
 * The room would not have us: says why and offers what can help (a password form, signing in,
 * entering again after a kick). `retry` starts the room page over.
 */
export function showRefusal(main: HTMLElement, room: RoomView, refusal: Refusal, ctx: PageContext, retry: () => void): void {
  const here = `/r/${encodeURIComponent(room.id)}`;
  const card = h('section', { class: 'card narrow refusal', id: 'refusal', 'data-refusal': refusal },
    h('h1', {}, room.name || room.id),
    i18n(h('p', { class: 'error', role: 'alert', id: 'refusal-message' }), MESSAGES[refusal]));
  const signInLinks = () => h('p', {},
    i18n(h('a', { href: withNext('/signin', here), class: 'button primary' }), 'nav.signIn'), ' ',
    i18n(h('a', { href: withNext('/signup', here), class: 'button' }), 'nav.signUp'));

  switch (refusal) {
    case 'password_required': {
      const f = form({
        id: 'room-password', className: 'subform', submit: 'refusal.enter',
        fields: [{ name: 'password', label: 'refusal.passwordLabel', type: 'password', required: true, maxlength: 200, autocomplete: 'off' }],
        async onSubmit(v) {
          await rooms.accessWithPassword(ctx.api, room.id, v['password']!);
          retry();
        },
      });
      card.append(f.element);
      main.replaceChildren(card);
      f.inputs['password']?.focus();
      return;
    }
    case 'invite_required':
      if (ctx.api.user?.kind !== 'account') card.append(i18n(h('p', { class: 'muted' }), 'refusal.inviteSignIn'), signInLinks());
      break;
    case 'guests_not_allowed':
      card.append(signInLinks());
      break;
    case 'kicked': {
      const again = i18n(h('button', { type: 'button', class: 'primary', id: 'enter-again' }), 'refusal.enterAgain');
      again.addEventListener('click', retry);
      card.append(again);
      break;
    }
    case 'banned':
    case 'closed':
      break;
    case 'signed_out':
      card.append(signInLinks());
      break;
  }
  card.append(h('p', {}, i18n(h('a', { href: '/' }), 'room.home')));
  main.replaceChildren(card);
}
