import { accessToken, adoptWebAccount, forgetWebAccount } from './shared/identity';
import { forgetPendingRoom, openRoomPage } from './shared/roomPages';
import { loadSettings } from './shared/settings';
import { bindTab, forgetTab, rememberResumeToken, tabBinding } from './shared/tabs';
import { tokenGrant, type TokenRequest } from './shared/tokenGate';
import { relaySocket } from './socketRelay';
import { SOCKET_PORT } from './content/portSocket';

// A tab in a room keeps its room across reloads and navigation: once the new page has loaded, the
// content script is put there again and joins. Where the extension may not run on the new page
// (activeTab ends with a navigation and the site is not granted), the person opens the popup again.
// A page of the configured Cowatch server itself gets the site script (content/cowatchSite.ts).
chrome.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.status !== 'complete') return;
  void tabBinding(tabId).then((binding) => {
    if (binding) return bindTab(tabId, binding).then(() => undefined);
    return onCowatchServer(tab.url).then((yes) => {
      if (yes) return chrome.scripting.executeScript({ target: { tabId }, files: ['cowatch-site.js'] }).then(() => undefined);
      return undefined;
    });
  }).catch(() => undefined);
});

// Firefox: the content scripts' room sockets, which the page's policy would block there (content/portSocket.ts).
chrome.runtime.onConnect.addListener((port) => {
  if (port.name === SOCKET_PORT && port.sender?.tab?.id !== undefined) relaySocket(port);
});

chrome.tabs.onRemoved.addListener((tabId) => {
  void forgetTab(tabId);
  void forgetPendingRoom(tabId);
});

/** Whether an address is a page of the configured Cowatch server (whose host the extension may use). */
async function onCowatchServer(address: string | undefined): Promise<boolean> {
  if (!address) return false;
  try {
    return new URL(address).origin === (await loadSettings()).server;
  } catch {
    return false;
  }
}

type Reply = (response: unknown) => void;

/**
 * Content scripts ask here for an access token (they cannot reach the server's REST API across
 * origins): only those of a tab joined to a room on the configured server get one (tokenGrant), and leave their resume token with their tab's room. The site script on the Cowatch
 * server's pages hands over the web app's account and asks to open a room's page: only from a tab
 * whose page is the configured server's.
 */
chrome.runtime.onMessage.addListener((message, sender, sendResponse: Reply) => {
  const m = message as Record<string, unknown>;
  const tabId = sender.tab?.id;
  if (m.type === 'resume' && tabId !== undefined && typeof m.roomId === 'string' && typeof m.resumeToken === 'string') {
    void rememberResumeToken(tabId, m.roomId, m.resumeToken);
    return false;
  }
  if (m.type === 'token' && typeof m.server === 'string') {
    tokenFor({ server: m.server }, sender).then((token) => sendResponse(token ? { token } : {}), () => sendResponse({}));
    return true;
  }
  if (m.type === 'webSession' || m.type === 'webSignedOut' || m.type === 'openPage') {
    void fromCowatchServer(sender.tab?.url, m).then(sendResponse, (e: unknown) =>
      sendResponse({ error: e instanceof Error ? e.message : String(e) }));
    return true;
  }
  return false;
});

/** The access token for a content script that may have it (see tokenGrant), under its room's name. */
async function tokenFor(request: TokenRequest, sender: chrome.runtime.MessageSender): Promise<string | undefined> {
  const tabId = sender.tab?.id;
  const binding = tabId === undefined ? undefined : await tabBinding(tabId);
  const granted = tokenGrant(request, { tabId, frameId: sender.frameId }, binding, (await loadSettings()).server);
  return granted ? accessToken(granted.server, granted.name) : undefined;
}

async function fromCowatchServer(address: string | undefined, m: Record<string, unknown>): Promise<unknown> {
  if (!(await onCowatchServer(address))) return { error: 'not the configured Cowatch server' };
  const { server, name } = await loadSettings();
  if (m.type === 'webSession' && typeof m.userId === 'string' && typeof m.accessToken === 'string') {
    await adoptWebAccount(server, m.userId, m.accessToken);
    return { ok: true };
  }
  if (m.type === 'webSignedOut') {
    await forgetWebAccount(server);
    return { ok: true };
  }
  if (m.type === 'openPage' && typeof m.roomId === 'string' && typeof m.page === 'string') {
    const who = (typeof m.name === 'string' && m.name) || name || 'Viewer';
    return openRoomPage({ server, roomId: m.roomId, name: who }, m.page);
  }
  return { error: 'unknown request' };
}
