import { t } from '../i18n/i18n';
import { invites, rooms, type InviteInfo } from '../net/cowatchApi';
import { ensureIdentity, type Cleanup, type PageContext } from './app';
import { h, i18n } from './dom';
import { describeError, form, notice } from './forms';
import { withNext } from './router';
import { savedName, saveName } from './storage';

/**
 * `/i/{token}`: an invite. Shows the room, gets an identity (sign in, sign up or a guest
 * nickname), redeems the invite (`POST /access {invite}`) and goes into the room.
 */
export function invitePage(main: HTMLElement, ctx: PageContext, token: string): Cleanup {
  let alive = true;
  const card = h('section', { class: 'card narrow', id: 'invite-card' }, i18n(h('h1'), 'invite.title'), notice('page.loading'));
  main.replaceChildren(card);
  invites.get(ctx.api, token).then((info) => alive && show(info), (e: unknown) => {
    if (!alive) return;
    const gone = (e as { status?: number }).status === 404 || (e as { status?: number }).status === 410;
    card.replaceChildren(i18n(h('h1'), 'invite.title'),
      h('p', { class: 'error', role: 'alert', id: 'invite-error' }, gone ? t('invite.invalid') : describeError(e)),
      i18n(h('a', { href: '/' }), 'room.home'));
  });

  function show(info: InviteInfo): void {
    const facts: string[] = [];
    if (info.expiresAt) facts.push(t('invite.expires', { when: new Date(info.expiresAt).toLocaleString() }));
    if (typeof info.usesLeft === 'number') facts.push(t('invite.usesLeft', { count: info.usesLeft }));
    const head = [
      i18n(h('h1'), 'invite.title'),
      h('p', { class: 'invite-room' }, t('invite.to', { room: info.room.name || info.room.id })),
      facts.length ? h('p', { class: 'muted' }, facts.join(' · ')) : null,
    ];
    const error = h('p', { class: 'error', role: 'alert' });
    const accept = async () => {
      await rooms.accessWithInvite(ctx.api, info.room.id, token);
      ctx.navigate(`/r/${encodeURIComponent(info.room.id)}`, { replace: true });
    };
    const user = ctx.api.user;
    if (user) {
      // Opening the link is the request to join: go straight in; the button is for a retry.
      const go = i18n(h('button', { type: 'button', class: 'primary', id: 'accept-invite' }), 'invite.accept');
      const run = () => {
        go.disabled = true;
        error.textContent = '';
        accept().catch((e: unknown) => {
          error.textContent = describeError(e);
          go.disabled = false;
        });
      };
      go.addEventListener('click', run);
      card.replaceChildren(...head.filter(Boolean) as Node[],
        h('p', { class: 'muted' }, t('account.signedInAs', { name: user.displayName })), error, go);
      run();
      return;
    }
    const here = `/i/${token}`;
    const guest = form({
      id: 'invite-guest', className: 'subform', submit: 'invite.asGuest',
      fields: [{ name: 'name', label: 'room.name.title', required: true, maxlength: 40, autocomplete: 'nickname', value: savedName() }],
      async onSubmit(v) {
        saveName(v['name']!);
        await ensureIdentity(ctx.api, v['name']!);
        await accept();
      },
    });
    card.replaceChildren(...head.filter(Boolean) as Node[],
      i18n(h('p'), 'invite.whoAreYou'),
      h('div', { class: 'row wrap' },
        i18n(h('a', { href: withNext('/signup', here), class: 'button primary', id: 'invite-signup' }), 'nav.signUp'),
        i18n(h('a', { href: withNext('/signin', here), class: 'button', id: 'invite-signin' }), 'nav.signIn')),
      i18n(h('p', { class: 'muted or' }), 'invite.orGuest'),
      guest.element, error);
  }
  return () => {
    alive = false;
  };
}
