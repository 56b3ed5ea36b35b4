import { boundedSoundDelay } from '../../../web/src/engine/soundDelay';

/** What the person set in the popup, kept in storage.local. */
export interface Settings {
  readonly server: string;
  readonly name: string;
  /** How much later this device plays sound than picture (the web app's sound delay): the site's player runs ahead. */
  readonly soundDelayMs: number;
}

export async function loadSettings(): Promise<Settings> {
  const s = await chrome.storage.local.get(['server', 'name', 'soundDelayMs']);
  return {
    server: typeof s.server === 'string' ? s.server : __DEFAULT_SERVER__,
    name: typeof s.name === 'string' ? s.name : '',
    soundDelayMs: boundedSoundDelay(Number(s.soundDelayMs ?? 0)),
  };
}

/** Calls `changed` with each new sound delay the popup saves (a content script's player follows at once). */
export function onSoundDelayChange(changed: (ms: number) => void): void {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && 'soundDelayMs' in changes) changed(boundedSoundDelay(Number(changes.soundDelayMs?.newValue ?? 0)));
  });
}

export function saveSettings(s: Partial<Settings>): Promise<void> {
  return chrome.storage.local.set({ ...s });
}
