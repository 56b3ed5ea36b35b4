import { FROM_EXTENSION, parseToExtension, type FromExtension } from '../../../web/src/net/extensionLink';
import { LocalSessionStore } from '../../../web/src/net/api';

// Put into the configured Cowatch server's own pages by the background (never into other sites): tells
// the web app the extension is here, hands the web app's signed-in account to the extension, and passes
// on the room page's "open this page and watch together". Once per page.
const FLAG = '__cowatchSite';
const scope = globalThis as unknown as Record<string, unknown>;
/** How often the web app's session is looked at: signing in or out in this very tab fires no storage event. */
const SESSION_POLL_MS = 1_000;

function tell(message: FromExtension): void {
  window.postMessage(message, location.origin);
}

if (!scope[FLAG]) {
  scope[FLAG] = true;
  document.documentElement.dataset.cowatchExtension = 'present';
  tell({ channel: FROM_EXTENSION, kind: 'present' });

  // The web app keeps its session in this origin's localStorage. Only an account is handed on (a guest of
  // the web app stays the web app's); the background checks that this is the configured server's page and
  // makes the extension a session of its own for it, so the web app's refresh token never leaves the page.
  const sessions = new LocalSessionStore();
  let seen = '';
  const share = () => {
    const s = sessions.get();
    const account = s && s.user.kind !== 'guest' ? s : undefined;
    const now = account ? `${account.user.id} ${account.accessToken}` : '';
    if (now === seen) return;
    seen = now;
    const message = account ? { type: 'webSession', userId: account.user.id, accessToken: account.accessToken } : { type: 'webSignedOut' };
    void chrome.runtime.sendMessage(message).catch(() => undefined);
  };
  share();
  setInterval(share, SESSION_POLL_MS);

  window.addEventListener('message', (e) => {
    if (e.source !== window) return;
    const m = parseToExtension(e.data);
    if (!m) return;
    chrome.runtime.sendMessage({ type: 'openPage', roomId: m.roomId, page: m.page, name: m.name }).then(
      (answer) => {
        const a = answer as { needsClick?: boolean; error?: string } | undefined;
        tell(a?.error ? { channel: FROM_EXTENSION, kind: 'failed', message: a.error }
          : { channel: FROM_EXTENSION, kind: 'opened', page: m.page, needsClick: a?.needsClick === true });
      },
      (err: unknown) => tell({ channel: FROM_EXTENSION, kind: 'failed', message: String(err) }));
  });
}
