import type { RoomBinding } from './messages';

/**
 * The site's pages on every port: Firefox answers permissions.contains for a pattern with a port with false
 * even when the host is granted (measured with Firefox ESR 153); Chromium ignores ports. (manifest.mjs
 * writes the manifest's host patterns the same way.)
 */
function hostPattern(address: string): string {
  const u = new URL(address);
  return `${u.protocol}//${u.hostname}/*`;
}

/** A tab the extension opened for a room but may not script until the person clicks its button there. */
function pendingKey(tabId: number): string {
  return `pending:${tabId}`;
}

/**
 * Opens a room's web page (the room link's "Open <site> and watch together") in a new tab and joins it to
 * the room. Where the extension may run on that site (its host was granted), the tab joins as soon as it
 * has loaded (the background's tab listener, as after a reload). Elsewhere the browser lets it run there
 * only after the person clicks the Cowatch button on the tab (activeTab): the binding waits for that click,
 * and the popup joins at once when opened there.
 */
export async function openRoomPage(binding: RoomBinding, page: string): Promise<{ needsClick: boolean }> {
  const allowed = await chrome.permissions.contains({ origins: [hostPattern(page)] });
  const tab = await chrome.tabs.create({ url: page, active: true });
  if (tab.id === undefined) throw new Error('the browser opened no tab');
  if (allowed) await chrome.storage.session.set({ [`tab:${tab.id}`]: binding });
  else await chrome.storage.session.set({ [pendingKey(tab.id)]: binding });
  return { needsClick: !allowed };
}

/** The room a tab was opened for and still waits to join (see openRoomPage); taken once. */
export async function takePendingRoom(tabId: number): Promise<RoomBinding | undefined> {
  const key = pendingKey(tabId);
  const b = (await chrome.storage.session.get(key))[key] as RoomBinding | undefined;
  if (b) await chrome.storage.session.remove(key);
  return b;
}

export function forgetPendingRoom(tabId: number): Promise<void> {
  return chrome.storage.session.remove(pendingKey(tabId));
}
