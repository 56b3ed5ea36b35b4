import { t } from '../i18n/i18n';
import type { User } from '../net/api';
import { auth, me } from '../net/cowatchApi';
import { PASSWORD_FIELD } from './account';
import type { Cleanup, PageContext } from './app';
import { h, i18n } from './dom';
import { describeError, form, notice } from './forms';

/** `/me`: name, email and its verification, password, sessions; a guest can turn into an account here. */
export function accountPage(main: HTMLElement, ctx: PageContext): Cleanup {
  let alive = true;
  if (!ctx.api.session) {
    main.replaceChildren(h('div', { class: 'card narrow' }, notice('account.signedOut'),
      h('p', {}, i18n(h('a', { href: '/signin?next=/me' }), 'nav.signIn'), ' · ', i18n(h('a', { href: '/signup' }), 'nav.signUp'))));
    return () => undefined;
  }
  main.replaceChildren(notice('page.loading'));
  const render = (user: User) => {
    if (alive) main.replaceChildren(h('div', { class: 'account' }, i18n(h('h1'), 'account.title'), h('div', { class: 'cards' }, ...cards(ctx, user, render))));
  };
  me.get(ctx.api).then(render, (e: unknown) => {
    // Offline or an older server: show what the session remembers.
    const user = ctx.api.user;
    if (user) render(user);
    else main.replaceChildren(h('p', { class: 'error', role: 'alert' }, describeError(e)));
  });
  return () => {
    alive = false;
  };
}

function cards(ctx: PageContext, user: User, rerender: (u: User) => void): HTMLElement[] {
  const out: HTMLElement[] = [];
  const profile = form({
    id: 'profile', title: 'account.profile', submit: 'account.save', className: 'card',
    fields: [{ name: 'displayName', label: 'account.displayName', required: true, maxlength: 40, autocomplete: 'nickname', value: user.displayName }],
    async onSubmit(v, handle) {
      const u = await me.rename(ctx.api, v['displayName']!);
      handle.showMessage(t('account.saved'));
      profile.inputs['displayName']!.value = u.displayName;
    },
  });
  out.push(profile.element);

  if (user.kind === 'guest') {
    const upgrade = form({
      id: 'upgrade', title: 'account.upgradeTitle', intro: 'account.upgradeIntro', submit: 'account.upgrade', className: 'card',
      fields: [
        { name: 'email', label: 'account.email', type: 'email', required: true, maxlength: 254, autocomplete: 'email' },
        { name: 'password', label: 'account.password', ...PASSWORD_FIELD },
      ],
      async onSubmit(v) {
        const s = await auth.upgrade(ctx.api, { email: v['email']!, password: v['password']!, displayName: user.displayName });
        rerender(s.user);
      },
    });
    out.push(upgrade.element);
  } else {
    const status = h('p', { class: 'status-line', role: 'status' });
    const resend = i18n(h('button', { type: 'button', id: 'resend-verification' }), 'account.resend');
    resend.addEventListener('click', () => {
      resend.disabled = true;
      auth.resendVerification(ctx.api).then(
        () => (status.textContent = t('account.resent')),
        (e: unknown) => {
          status.textContent = describeError(e);
          resend.disabled = false;
        });
    });
    out.push(h('section', { class: 'card', id: 'email-card' },
      i18n(h('h2'), 'account.email'),
      h('p', {}, user.email ?? ''),
      user.emailVerified
        ? i18n(h('p', { class: 'ok', id: 'email-verified' }), 'account.verified')
        : h('div', {}, i18n(h('p', { class: 'warn', id: 'email-unverified' }), 'account.unverified'), resend),
      status));

    const password = form({
      id: 'change-password', title: 'account.changePassword', submit: 'account.save', className: 'card',
      fields: [
        { name: 'currentPassword', label: 'account.currentPassword', type: 'password', required: true, maxlength: 200, autocomplete: 'current-password' },
        { name: 'newPassword', label: 'account.newPassword', ...PASSWORD_FIELD },
      ],
      async onSubmit(v, handle) {
        await me.changePassword(ctx.api, v['currentPassword']!, v['newPassword']!);
        password.element.reset();
        handle.showMessage(t('account.passwordChanged'));
      },
    });
    out.push(password.element);
  }

  const signOut = i18n(h('button', { type: 'button', id: 'sign-out' }), 'account.signOut');
  signOut.addEventListener('click', () => {
    void auth.logout(ctx.api).then(() => ctx.navigate('/'));
  });
  const everywhere = i18n(h('button', { type: 'button', id: 'sign-out-all' }), 'account.signOutAll');
  const error = h('p', { class: 'error', role: 'alert' });
  everywhere.addEventListener('click', () => {
    everywhere.disabled = true;
    auth.logoutAll(ctx.api).then(() => ctx.navigate('/'), (e: unknown) => {
      error.textContent = describeError(e);
      everywhere.disabled = false;
    });
  });
  out.push(h('section', { class: 'card', id: 'sessions' },
    i18n(h('h2'), 'account.sessions'),
    user.kind === 'guest' ? i18n(h('p', { class: 'warn' }), 'account.guestSignOutWarning') : null,
    h('div', { class: 'row wrap' }, signOut, everywhere), error));
  return out;
}
