import { t } from '../i18n/i18n';
import { rooms, type RoomPreview } from '../net/cowatchApi';
import { ensureIdentity, type PageContext } from './app';
import { h, i18n } from './dom';
import { describeError } from './forms';
import { joinLines } from './joinPreview';
import { withNext } from './router';
import { savedName, saveName } from './storage';
import { formatDateTime } from './when';

/**
 * The page a room link opens for someone not signed in: where the link leads (room, owner, who is
 * there, what plays and where, a scheduled start) and what is needed first. A name is asked only when
 * a name is all that is missing (with the password beside it for a password room); an invite-only,
 * accounts-only or full room says what to do instead. `enter` joins once there is an identity;
 * `retry` starts the room page over.
 */
export function joinPage(main: HTMLElement, preview: RoomPreview | undefined, fallbackName: string, ctx: PageContext,
  enter: (name: string) => void, retry: () => void): void {
  const lines = preview ? joinLines(preview, (ms) => formatDateTime(ms)) : undefined;
  const card = h('section', { class: 'card join', id: 'join', 'aria-labelledby': 'join-room-name' },
    h('h1', { id: 'join-room-name' }, preview?.name ?? fallbackName));
  const here = location.pathname;
  if (lines) {
    // What is needed first comes first: it decides what this page asks for.
    if (lines.need) card.append(h('p', { class: 'join-need', id: 'join-need' }, lines.need));
    const poster = preview?.details?.playing?.posterPath;
    if (poster) card.append(h('img', { class: 'join-poster', src: poster, alt: '' }));
    const facts = h('ul', { class: 'join-facts', id: 'join-facts' });
    const fact = (cls: string, text: string | undefined) => text && facts.append(h('li', { class: cls }, text));
    fact('join-owner', lines.owner);
    fact('join-startsAt', lines.startsAt);
    fact('join-playing', lines.playing);
    fact('join-present', lines.present);
    card.append(facts);
  }
  const refusal = preview?.refusal;
  if (refusal === 'invite_required' || refusal === 'guests_not_allowed' || refusal === 'banned') {
    if (refusal !== 'banned') {
      card.append(h('p', { class: 'row wrap' },
        i18n(h('a', { href: withNext('/signin', here), class: 'button primary' }), 'nav.signIn'),
        i18n(h('a', { href: withNext('/signup', here), class: 'button' }), 'nav.signUp')));
    }
  } else if (refusal === 'room_full') {
    const again = i18n(h('button', { type: 'button', class: 'primary', id: 'join-retry' }), 'join.tryAgain');
    again.addEventListener('click', retry);
    card.append(again);
  } else {
    card.append(nameForm(ctx, refusal === 'password_required' ? preview?.id : undefined, enter));
  }
  main.replaceChildren(card);
  card.querySelector<HTMLInputElement>('#display-name')?.focus();
}

/** Name (and the room's password when `passwordFor` names the room) and a button to enter. */
function nameForm(ctx: PageContext, passwordFor: string | undefined, enter: (name: string) => void): HTMLFormElement {
  const input = h('input', { id: 'display-name', name: 'name', maxlength: 40, required: true, autocomplete: 'nickname', value: savedName() });
  const password = h('input', { id: 'join-password', name: 'password', type: 'password', maxlength: 200, required: true, autocomplete: 'off' });
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = i18n(h('button', { type: 'submit', class: 'primary' }), 'room.name.submit');
  const form = h('form', { class: 'subform', id: 'name-form' },
    i18n(h('label', { for: 'display-name' }), 'room.name.title'), input,
    passwordFor ? i18n(h('label', { for: 'join-password' }), 'refusal.passwordLabel') : null, passwordFor ? password : null,
    error, submit,
    h('p', { class: 'muted' }, i18n(h('span'), 'room.name.orSignIn'), ' ',
      i18n(h('a', { href: withNext('/signin', location.pathname) }), 'nav.signIn')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const name = input.value.trim();
    if (name.length < 1 || name.length > 40) {
      error.textContent = t('room.name.invalid');
      input.focus();
      return;
    }
    saveName(name);
    submit.disabled = true;
    (async () => {
      await ensureIdentity(ctx.api, name);
      if (passwordFor) await rooms.accessWithPassword(ctx.api, passwordFor, password.value);
      enter(name);
    })().catch((err: unknown) => {
      error.textContent = describeError(err);
      submit.disabled = false;
    });
  });
  return form;
}
