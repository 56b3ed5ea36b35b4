import type { ContentRequest, RoomBinding, RoomStatus } from './messages';

function tabKey(tabId: number): string {
  return `tab:${tabId}`;
}

/** Puts the site adapters (page world) and the content script into the tab; harmless when they are there. */
export async function inject(tabId: number): Promise<void> {
  await chrome.scripting.executeScript({ target: { tabId }, files: ['page.js'], world: 'MAIN' });
  await chrome.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
}

export async function ask(tabId: number, request: ContentRequest): Promise<unknown> {
  return chrome.tabs.sendMessage(tabId, request);
}

/** The tab's room status; its content script is put there first. */
export async function status(tabId: number): Promise<RoomStatus> {
  await inject(tabId);
  return (await ask(tabId, { type: 'status' })) as RoomStatus;
}

/** Joins the tab to a room and remembers it, so the tab joins again after a reload or navigation. */
export async function bindTab(tabId: number, binding: RoomBinding): Promise<RoomStatus> {
  await chrome.storage.session.set({ [tabKey(tabId)]: binding });
  await inject(tabId);
  return (await ask(tabId, { type: 'join', binding })) as RoomStatus;
}

export async function unbindTab(tabId: number): Promise<void> {
  await chrome.storage.session.remove(tabKey(tabId));
  await ask(tabId, { type: 'leave' }).catch(() => undefined);
}

export async function tabBinding(tabId: number): Promise<RoomBinding | undefined> {
  return (await chrome.storage.session.get(tabKey(tabId)))[tabKey(tabId)] as RoomBinding | undefined;
}

export function forgetTab(tabId: number): Promise<void> {
  return chrome.storage.session.remove(tabKey(tabId));
}

/** Keeps the member's resume token with the tab's room (only for the room the tab is still in). */
export async function rememberResumeToken(tabId: number, roomId: string, resumeToken: string): Promise<void> {
  const binding = await tabBinding(tabId);
  if (binding && binding.roomId === roomId && binding.resumeToken !== resumeToken) {
    await chrome.storage.session.set({ [tabKey(tabId)]: { ...binding, resumeToken } });
  }
}
