import { t } from '../i18n/i18n';
import { auth } from '../net/cowatchApi';
import type { PageContext } from './app';
import { h, i18n } from './dom';
import { describeError, form, notice, type Field } from './forms';
import { withNext } from './router';

/** Sign-up, sign-in, email verification and password reset: the pages mail links and the header lead to. */

export const PASSWORD_FIELD: Omit<Field, 'name' | 'label'> = {
  type: 'password', required: true, minlength: 10, maxlength: 200, autocomplete: 'new-password', hint: 'account.passwordHint',
};

/** Sign-up; a guest who signs up becomes an account under the same id (and keeps its rooms). */
export function signUpPage(main: HTMLElement, ctx: PageContext, next: string | undefined): void {
  const current = ctx.api.user;
  if (current?.kind === 'account') {
    main.replaceChildren(signedInAlready(ctx, next));
    return;
  }
  const guest = current?.kind === 'guest';
  const f = form({
    id: 'signup', title: 'signup.title', intro: guest ? 'signup.introGuest' : 'signup.intro', submit: 'signup.submit',
    fields: [
      { name: 'displayName', label: 'account.displayName', required: true, maxlength: 40, autocomplete: 'nickname', value: current?.displayName ?? '' },
      { name: 'email', label: 'account.email', type: 'email', required: true, maxlength: 254, autocomplete: 'email' },
      { name: 'password', label: 'account.password', ...PASSWORD_FIELD },
    ],
    extra: [h('p', { class: 'muted' }, i18n(h('span'), 'signup.haveAccount'), ' ', i18n(h('a', { href: withNext('/signin', next) }), 'nav.signIn'))],
    async onSubmit(v) {
      if (ctx.api.user?.kind === 'guest') await auth.upgrade(ctx.api, { email: v['email']!, password: v['password']!, displayName: v['displayName']! });
      else await auth.register(ctx.api, { email: v['email']!, password: v['password']!, displayName: v['displayName']! });
      ctx.navigate(next ?? '/me');
    },
  });
  main.replaceChildren(f.element);
  f.inputs[guest ? 'email' : 'displayName']?.focus();
}

export function signInPage(main: HTMLElement, ctx: PageContext, next: string | undefined): void {
  if (ctx.api.user?.kind === 'account') {
    main.replaceChildren(signedInAlready(ctx, next));
    return;
  }
  const f = form({
    id: 'signin', title: 'signin.title', submit: 'signin.submit',
    fields: [
      { name: 'email', label: 'account.email', type: 'email', required: true, maxlength: 254, autocomplete: 'username' },
      { name: 'password', label: 'account.password', type: 'password', required: true, maxlength: 200, autocomplete: 'current-password' },
    ],
    extra: [
      h('p', { class: 'muted' }, i18n(h('a', { href: '/reset-password', id: 'forgot' }), 'signin.forgot')),
      h('p', { class: 'muted' }, i18n(h('span'), 'signin.noAccount'), ' ', i18n(h('a', { href: withNext('/signup', next) }), 'nav.signUp')),
    ],
    async onSubmit(v) {
      await auth.login(ctx.api, { email: v['email']!, password: v['password']! });
      ctx.navigate(next ?? '/');
    },
  });
  main.replaceChildren(f.element);
  f.inputs['email']?.focus();
}

function signedInAlready(ctx: PageContext, next: string | undefined): HTMLElement {
  return h('div', { class: 'card narrow' },
    h('p', {}, t('account.signedInAs', { name: ctx.api.user?.displayName ?? '' })),
    next ? i18n(h('a', { href: next }), 'account.continue') : i18n(h('a', { href: '/me' }), 'nav.account'));
}

/** `/verify?token=`: the link in the verification mail. */
export function verifyPage(main: HTMLElement, ctx: PageContext, token: string | undefined): void {
  const card = h('div', { class: 'card narrow', id: 'verify' }, i18n(h('h1'), 'verify.title'));
  main.replaceChildren(card);
  if (!token) {
    card.append(notice('verify.noToken', 'error'));
    return;
  }
  const status = notice('verify.working');
  card.append(status);
  auth.verifyEmail(ctx.api, token).then(
    () => card.replaceChildren(i18n(h('h1'), 'verify.title'), i18n(h('p', { class: 'ok', role: 'status' }), 'verify.done'),
      i18n(h('a', { href: ctx.api.session ? '/me' : '/signin' }), ctx.api.session ? 'nav.account' : 'nav.signIn')),
    (e: unknown) => {
      status.className = 'error';
      status.setAttribute('role', 'alert');
      status.textContent = t('verify.failed', { message: describeError(e) });
    });
}

/** `/reset-password` asks for the address; `/reset-password?token=` (the mail's link) sets a new password. */
export function resetPasswordPage(main: HTMLElement, ctx: PageContext, token: string | undefined): void {
  if (!token) {
    const f = form({
      id: 'reset-request', title: 'reset.title', intro: 'reset.intro', submit: 'reset.send',
      fields: [{ name: 'email', label: 'account.email', type: 'email', required: true, maxlength: 254, autocomplete: 'email', value: ctx.api.user?.email ?? '' }],
      async onSubmit(v, handle) {
        await auth.requestReset(ctx.api, v['email']!);
        handle.showMessage(t('reset.sent'));
      },
    });
    main.replaceChildren(f.element);
    f.inputs['email']?.focus();
    return;
  }
  const f = form({
    id: 'reset-confirm', title: 'reset.newTitle', submit: 'reset.save',
    fields: [
      { name: 'password', label: 'account.newPassword', ...PASSWORD_FIELD },
      { name: 'repeat', label: 'account.repeatPassword', type: 'password', required: true, maxlength: 200, autocomplete: 'new-password' },
    ],
    async onSubmit(v, handle) {
      if (v['password'] !== v['repeat']) {
        handle.showError(t('account.passwordsDiffer'));
        return;
      }
      await auth.confirmReset(ctx.api, token, v['password']!);
      ctx.api.signedOut(); // the server ended every session
      f.element.replaceChildren(i18n(h('h1'), 'reset.newTitle'), i18n(h('p', { class: 'ok', role: 'status' }), 'reset.done'),
        i18n(h('a', { href: '/signin' }), 'nav.signIn'));
    },
  });
  main.replaceChildren(f.element);
  f.inputs['password']?.focus();
}
