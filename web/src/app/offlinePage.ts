/**
 * What an installed (or any) Cowatch page shows when it is opened without a network: a plain page,
 * made by the service worker, that says rooms need the network, instead of the browser's error.
 * Nothing else works offline on purpose: a room is a live timeline shared with others.
 */
import { pickFrom } from '../i18n/pickLanguage';
import iconSvg from './icon.svg';

interface OfflineText {
  title: string;
  body: string;
  retry: string;
}

const TEXTS = {
  en: {
    title: 'You are offline',
    body: 'Cowatch needs the network to join a room and watch together. Check your connection, then try again.',
    retry: 'Try again',
  },
  de: {
    title: 'Keine Verbindung',
    body: 'Cowatch braucht das Netz, um einem Raum beizutreten und gemeinsam zu schauen. Prüfe deine Verbindung und versuche es noch einmal.',
    retry: 'Noch einmal versuchen',
  },
  ru: {
    title: 'Нет подключения к сети',
    body: 'Чтобы войти в комнату и смотреть вместе, Cowatch нужна сеть. Проверьте подключение и попробуйте ещё раз.',
    retry: 'Попробовать снова',
  },
} satisfies Record<string, OfflineText>;

type OfflineLanguage = keyof typeof TEXTS;
const LANGUAGES = Object.keys(TEXTS) as OfflineLanguage[];

/** The same policy as the app's pages; the page has no script at all, and its style is its own. */
export const OFFLINE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The app's icon, inside the page: offline there is nothing to fetch it from. */
const ICON = `data:image/svg+xml,${encodeURIComponent(iconSvg)}`;

/** The offline page in the first of the browser's languages Cowatch speaks. */
export function offlinePage(browserLanguages: readonly string[]): { lang: OfflineLanguage; html: string } {
  const lang = pickFrom(LANGUAGES, null, browserLanguages);
  const text = TEXTS[lang];
  // The texts are ours (no person's input), so they need no escaping.
  const html = `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="dark light">
<title>Cowatch: ${text.title}</title>
<style>
body{margin:0;min-height:100vh;display:grid;place-items:center;background:#111418;color:#e8ecf1;font:16px/1.5 system-ui,sans-serif}
main{max-width:28rem;padding:1.5rem;text-align:center}
img{width:96px;height:96px;border-radius:20px}
a{display:inline-block;margin-top:1rem;padding:.6rem 1.2rem;border-radius:8px;background:#2f6bd0;color:#fff;text-decoration:none}
a:focus-visible{outline:3px solid #5b9dff;outline-offset:3px}
</style>
</head>
<body>
<main>
<img src="${ICON}" alt="">
<h1>${text.title}</h1>
<p>${text.body}</p>
<a href="">${text.retry}</a>
</main>
</body>
</html>
`;
  return { lang, html };
}
