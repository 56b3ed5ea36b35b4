import { initLanguage, language, LANGUAGES, onLanguageChange, setLanguage, type Language } from './i18n/i18n';
import { h, i18n, translate } from './ui/dom';
import { homePage } from './ui/home';
import { roomPage, type Cleanup } from './ui/room';

/** A single-page app: `/` is home, `/r/{roomId}` a room. */
function start(): void {
  initLanguage();
  const app = document.getElementById('app');
  if (!app) return;
  const select = h('select', { id: 'language' }, ...Object.entries(LANGUAGES).map(([code, label]) => h('option', { value: code }, label)));
  i18n(select, 'lang.label', 'aria-label');
  select.value = language();
  select.addEventListener('change', () => setLanguage(select.value as Language));
  const header = h('header', {}, h('a', { href: '/', class: 'brand' }, 'Cowatch'), select);
  const main = h('main');
  app.replaceChildren(header, main);
  onLanguageChange(() => {
    select.value = language();
    translate(app);
  });

  let cleanup: Cleanup = () => undefined;
  const route = () => {
    cleanup();
    cleanup = () => undefined;
    const match = /^\/r\/([A-Za-z0-9_-]{4,64})\/?$/.exec(location.pathname);
    if (match?.[1]) {
      cleanup = roomPage(match[1], main);
    } else {
      main.className = '';
      main.replaceChildren(homePage(navigate));
    }
  };
  const navigate = (path: string) => {
    history.pushState(null, '', path);
    route();
  };
  document.addEventListener('click', (e) => {
    const a = (e.target as HTMLElement).closest?.('a');
    if (a && a.origin === location.origin && !a.target && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
      e.preventDefault();
      navigate(a.pathname);
    }
  });
  window.addEventListener('popstate', route);
  route();
}

start();
