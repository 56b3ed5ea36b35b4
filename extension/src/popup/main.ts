import { parseRoomRef } from '../../../web/src/ui/links';
import { accessToken, linkedAccount, type StoredSession } from '../shared/identity';
import { takePendingRoom } from '../shared/roomPages';
import type { RoomStatus } from '../shared/messages';
import { pageAddress, serverOrigin } from '../shared/pageAddress';
import { createRoom, ServerError } from '../shared/serverApi';
import { loadSettings, saveSettings, type Settings } from '../shared/settings';
import { SOUND_DELAY_MAX_MS, SOUND_DELAY_MIN_MS, boundedSoundDelay } from '../../../web/src/engine/soundDelay';
import { ask, bindTab, status, unbindTab } from '../shared/tabs';
import { h } from './dom';
import { InRoomView } from './inRoom';

/** How often the popup refreshes the room's members, drift and chat. */
const REFRESH_MS = 1_000;
const MAX_ROOM_NAME = 80;

const app = document.getElementById('app')!;
let refreshTimer: ReturnType<typeof setInterval> | undefined;

/** The tab the popup acts on: the active one, or ?tab= (a popup opened in a tab of its own, as the tests do). */
async function tabId(): Promise<number> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new Error('no tab');
  return tab.id;
}

function describe(e: unknown): string {
  if (e instanceof ServerError) return e.message;
  const text = e instanceof Error ? e.message : String(e);
  return /Cannot access|cannot be scripted|permission|Missing host/i.test(text)
    ? 'Cowatch cannot run on this page (a browser page, or a site it is not allowed on).'
    : text;
}

function settingsForm(settings: Settings, onSaved: () => void): HTMLElement {
  const server = h('input', { id: 'server', type: 'url', value: settings.server, 'aria-label': 'Cowatch server' });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', {}, h('label', { for: 'server' }, 'Cowatch server'), h('div', { class: 'row' }, server, h('button', { type: 'submit' }, 'Save')), error);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const parsed = serverOrigin(server.value);
    if ('error' in parsed) {
      error.textContent = parsed.error;
      return;
    }
    // Asked in the click's gesture: the browser lets the person grant (or refuse) the new server.
    void chrome.permissions.request({ origins: [`${parsed.origin}/*`] }).then((granted) => {
      if (!granted) error.textContent = 'Cowatch needs permission to talk to that server.';
      else void saveSettings({ server: parsed.origin }).then(onSaved);
    }, (err: unknown) => (error.textContent = describe(err)));
  });
  // The same sound delay as the web app's panel: headphones that play sound late make the site's player run ahead.
  const delay = h('input', {
    id: 'sound-delay', type: 'number', min: SOUND_DELAY_MIN_MS, max: SOUND_DELAY_MAX_MS, step: 5, value: settings.soundDelayMs,
  });
  delay.addEventListener('change', () => {
    const ms = boundedSoundDelay(Number(delay.value));
    delay.value = String(ms);
    void saveSettings({ soundDelayMs: ms });
  });
  const sound = h('div', {}, h('label', { for: 'sound-delay' }, 'Sound delay (ms): how much later you hear than you see'), delay);
  return h('details', { id: 'settings' }, h('summary', {}, `Server: ${settings.server}`), form, sound);
}

function outsideRoom(tab: number, s: RoomStatus, settings: Settings, account: StoredSession | undefined): void {
  const name = h('input', { id: 'name', value: settings.name, maxlength: 40, required: true, autocomplete: 'nickname', 'aria-label': 'Your name' });
  const error = h('p', { class: 'error', role: 'alert', id: 'error' });
  const create = h('button', { type: 'button', class: 'primary', id: 'create' }, 'Watch this page together');
  const code = h('input', { id: 'room-ref', placeholder: 'Room link or code', 'aria-label': 'Room link or code', autocomplete: 'off' });
  const join = h('form', { class: 'row', id: 'join-form' }, code, h('button', { type: 'submit' }, 'Join'));
  const page = pageAddress(s.pageAddress);

  const run = async (roomId: (server: string, token: string) => Promise<string>) => {
    error.textContent = '';
    // Signed in on the web app: the room sees the account's own name.
    const who = account ? account.user.displayName : name.value.trim();
    if (!who) {
      error.textContent = 'Type the name the others will see.';
      name.focus();
      return;
    }
    try {
      if (!account) await saveSettings({ name: who });
      const token = await accessToken(settings.server, who);
      const id = await roomId(settings.server, token);
      await bindTab(tab, { server: settings.server, roomId: id, name: who });
      await show(tab);
    } catch (e) {
      error.textContent = describe(e);
    }
  };
  create.disabled = page === undefined;
  create.addEventListener('click', () => void run(async (server, token) => {
    const title = s.pageTitle.trim().slice(0, MAX_ROOM_NAME) || 'Watching together';
    return (await createRoom(server, token, title, page!)).id;
  }));
  join.addEventListener('submit', (e) => {
    e.preventDefault();
    const ref = parseRoomRef(code.value);
    if (!ref) {
      error.textContent = 'That is neither a room link nor a room code.';
      return;
    }
    const linkOrigin = /^https?:/.test(code.value.trim()) ? new URL(code.value.trim()).origin : settings.server;
    if (linkOrigin !== settings.server) {
      error.textContent = `That link is for ${linkOrigin}; set it as your server first (below).`;
      return;
    }
    void run(async () => ref);
  });
  const identity = account
    ? h('section', { id: 'identity' }, h('p', {}, `Signed in as ${account.user.displayName} (your Cowatch account, as in the web app).`))
    : h('section', {}, h('label', { for: 'name' }, 'Your name'), name,
      h('p', { class: 'muted' }, `Sign in at ${settings.server} to watch as your account; otherwise you are a guest.`));
  app.replaceChildren(
    h('h1', {}, 'Cowatch'),
    identity,
    h('section', {}, h('p', { class: 'muted' }, page ? 'Make a room for this page and send the link.' : 'This page cannot be watched together.'), create),
    h('section', {}, h('label', { for: 'room-ref' }, 'Or join a room'), join),
    error,
    settingsForm(settings, () => void show(tab)));
}

async function show(tab: number): Promise<void> {
  clearInterval(refreshTimer);
  const settings = await loadSettings();
  let s: RoomStatus;
  try {
    s = await status(tab);
  } catch (e) {
    app.replaceChildren(h('h1', {}, 'Cowatch'), h('p', { class: 'error', role: 'alert' }, describe(e)), settingsForm(settings, () => void show(tab)));
    return;
  }
  if (!s.inRoom) {
    // A room link opened this tab for its room, and the click that opened this popup lets Cowatch run here.
    const pending = await takePendingRoom(tab);
    if (pending) {
      try {
        s = await bindTab(tab, pending);
      } catch (e) {
        app.replaceChildren(h('h1', {}, 'Cowatch'), h('p', { class: 'error', role: 'alert' }, describe(e)));
        return;
      }
    }
  }
  if (!s.inRoom) {
    outsideRoom(tab, s, settings, await linkedAccount(settings.server));
    return;
  }
  const view = new InRoomView(s, {
    chat: async (text) => void (await ask(tab, { type: 'chat', text })),
    leave: async () => {
      await unbindTab(tab);
      await show(tab);
    },
    openRoomMedia: async () => void (await ask(tab, { type: 'openRoomMedia' })),
  });
  app.replaceChildren(view.element);
  refreshTimer = setInterval(() => {
    void ask(tab, { type: 'status' }).then((next) => {
      const n = next as RoomStatus | undefined;
      if (n?.inRoom) view.update(n);
    }, () => undefined);
  }, REFRESH_MS);
}

void tabId().then(show, (e: unknown) => app.replaceChildren(h('p', { class: 'error' }, describe(e))));
