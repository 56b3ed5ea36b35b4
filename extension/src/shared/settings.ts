/** What the person set in the popup, kept in storage.local. */
export interface Settings {
  readonly server: string;
  readonly name: string;
}

export async function loadSettings(): Promise<Settings> {
  const s = await chrome.storage.local.get(['server', 'name']);
  return {
    server: typeof s.server === 'string' ? s.server : __DEFAULT_SERVER__,
    name: typeof s.name === 'string' ? s.name : '',
  };
}

export function saveSettings(s: Partial<Settings>): Promise<void> {
  return chrome.storage.local.set({ ...s });
}
