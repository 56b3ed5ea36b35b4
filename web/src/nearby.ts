/**
 * The page of a room with no server (nearby/nearbyPage.ts), a script of its own so that it runs from
 * any static host or from the installed app with no Cowatch server and no internet: it asks no API.
 */
import { initLanguage, language, LANGUAGES, setLanguage, type Language } from './i18n/i18n';
import { h, i18n, translate } from './ui/dom';
import { nearbyPage } from './nearby/nearbyPage';

function start(): void {
  initLanguage();
  // Relative: the page may be served from a folder of a static host. The worker plays a film while it arrives.
  navigator.serviceWorker?.register('sw.js').catch(() => undefined);
  const app = document.getElementById('app');
  if (!app) return;
  const select = h('select', { id: 'language' }, ...Object.entries(LANGUAGES).map(([code, label]) => h('option', { value: code }, label)));
  i18n(select, 'lang.label', 'aria-label');
  select.value = language();
  const main = h('main');
  const header = h('header', {}, h('span', { class: 'brand' }, 'Cowatch'), select);
  app.replaceChildren(header, main);
  let cleanup = nearbyPage(main, location.hash);
  // The page is drawn again in the new language (its texts are made as each step is drawn).
  select.addEventListener('change', () => {
    setLanguage(select.value as Language);
    if (main.querySelector('#nearby-room')) {
      translate(app);
      return;
    }
    cleanup();
    cleanup = nearbyPage(main, location.hash);
  });
}

start();
