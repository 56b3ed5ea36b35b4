import { accessToken } from './shared/identity';
import { bindTab, forgetTab, rememberResumeToken, tabBinding } from './shared/tabs';

// A tab in a room keeps its room across reloads and navigation: once the new page has loaded, the
// content script is put there again and joins. Where the extension may not run on the new page
// (activeTab ends with a navigation and the site is not granted), the person opens the popup again.
chrome.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status !== 'complete') return;
  void tabBinding(tabId).then((binding) => {
    if (binding) return bindTab(tabId, binding).then(() => undefined);
    return undefined;
  }).catch(() => undefined);
});

chrome.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));

/**
 * Content scripts ask here for an access token (they cannot reach the server's REST API across
 * origins), and leave their resume token with their tab's room.
 */
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const m = message as { type?: unknown; server?: unknown; name?: unknown; roomId?: unknown; resumeToken?: unknown };
  const tabId = sender.tab?.id;
  if (m.type === 'resume' && tabId !== undefined && typeof m.roomId === 'string' && typeof m.resumeToken === 'string') {
    void rememberResumeToken(tabId, m.roomId, m.resumeToken);
    return false;
  }
  if (m.type !== 'token' || typeof m.server !== 'string' || typeof m.name !== 'string') return false;
  accessToken(m.server, m.name).then((token) => sendResponse({ token }), () => sendResponse({}));
  return true;
});
