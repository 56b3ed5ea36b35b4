import { initLanguage, language, LANGUAGES, onLanguageChange, setLanguage, type Language } from './i18n/i18n';
import { resetPasswordPage, signInPage, signUpPage, verifyPage } from './ui/account';
import { accountPage } from './ui/profile';
import { createApi, type Cleanup, type PageContext } from './ui/app';
import { h, i18n, translate } from './ui/dom';
import { homePage } from './ui/home';
import { invitePage } from './ui/invite';
import { mediaPage } from './ui/mediaPage';
import { renderNav } from './ui/nav';
import { roomPage } from './ui/room';
import { directoryPage, myRoomsPage } from './ui/roomLists';
import { matchRoute } from './ui/router';
import { notificationCenter, socialPage } from './ui/socialPages';
import { siteNotices } from './ui/siteNotices';
import { adminPage } from './ui/adminPage';
import { admin } from './net/adminApi';

/** A single-page app; the routes are in ui/router.ts. */
function start(): void {
  initLanguage();
  // Early, so that it controls the page by the time someone accepts a shared file (ui/sharePanel.ts, sw.ts).
  navigator.serviceWorker?.register('/sw.js').catch(() => undefined);
  const app = document.getElementById('app');
  if (!app) return;
  const { api, sessions } = createApi();
  const select = h('select', { id: 'language' }, ...Object.entries(LANGUAGES).map(([code, label]) => h('option', { value: code }, label)));
  i18n(select, 'lang.label', 'aria-label');
  select.value = language();
  select.addEventListener('change', () => setLanguage(select.value as Language));
  const nav = i18n(h('nav', { class: 'nav' }), 'nav.label', 'aria-label');
  const header = h('header', {}, h('a', { href: '/', class: 'brand' }, 'Cowatch'), nav, select);
  const main = h('main');
  app.replaceChildren(header, siteNotices.element, main);
  siteNotices.start(api);
  // Whether the signed-in account administers the site: asked once per account and page load (GET /api/admin).
  let askedAdmin: string | undefined;
  let siteAdmin = false;
  const redrawNav = () => renderNav(nav, api.session, location.pathname, siteAdmin);
  const followAdmin = () => {
    const id = api.session?.user.kind === 'account' ? api.session.user.id : undefined;
    if (id === askedAdmin) return;
    askedAdmin = id;
    siteAdmin = false;
    if (id) admin.status(api).then((s) => { siteAdmin = s.admin && askedAdmin === id; redrawNav(); }, () => undefined);
  };
  onLanguageChange(() => {
    select.value = language();
    translate(app);
  });
  sessions.onChange(() => {
    followAdmin();
    redrawNav();
  });
  followAdmin();
  notificationCenter.start(api, sessions);

  let cleanup: Cleanup = () => undefined;
  const ctx: PageContext = {
    api, sessions,
    navigate(path, opts) {
      if (opts?.replace) history.replaceState(null, '', path);
      else history.pushState(null, '', path);
      route();
    },
  };
  const route = () => {
    cleanup();
    cleanup = () => undefined;
    redrawNav();
    main.className = '';
    const r = matchRoute(location.pathname, location.search);
    let done: Cleanup | void = undefined;
    switch (r.page) {
      case 'room': done = roomPage(r.roomId, main, ctx); break;
      case 'signup': done = signUpPage(main, ctx, r.next); break;
      case 'signin': done = signInPage(main, ctx, r.next); break;
      case 'verify': done = verifyPage(main, ctx, r.token); break;
      case 'resetPassword': done = resetPasswordPage(main, ctx, r.token); break;
      case 'me': done = accountPage(main, ctx); break;
      case 'rooms': done = myRoomsPage(main, ctx); break;
      case 'media': done = mediaPage(main, ctx); break;
      case 'directory': done = directoryPage(main, ctx, r.q); break;
      case 'invite': done = invitePage(main, ctx, r.token); break;
      case 'home': main.replaceChildren(homePage(ctx)); break;
      case 'admin': done = adminPage(main, ctx); break;
      case 'friends': case 'notifications': case 'showings': case 'planShowing': case 'showing': case 'history': case 'files':
        done = socialPage(r, main, ctx);
        break;
      case 'notFound':
        main.replaceChildren(i18n(h('h1', { class: 'error', role: 'alert' }), 'page.notFound'), i18n(h('a', { href: '/' }), 'room.home'));
        break;
    }
    if (done) cleanup = done;
  };
  document.addEventListener('click', (e) => {
    const a = (e.target as HTMLElement).closest?.('a');
    // data-page: a page of its own outside this app (nearby.html), loaded whole.
    if (a && a.origin === location.origin && !a.target && !a.hasAttribute('download') && !a.hasAttribute('data-page') && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
      e.preventDefault();
      ctx.navigate(a.pathname + a.search);
    }
  });
  window.addEventListener('popstate', route);
  route();
}

start();
