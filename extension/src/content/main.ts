import type { AdBreak } from '../shared/adBreaks';
import { AD_EVENT, adPlayingOf, parseToContent, TO_PAGE } from '../shared/bridge';
import type { ContentRequest, RoomStatus } from '../shared/messages';
import { TabRoom } from './tabRoom';

// Put into a tab by the popup or the background (scripting.executeScript); once per page.
const FLAG = '__cowatchContent';
const scope = globalThis as unknown as Record<string, unknown>;

let room: TabRoom | undefined;
let adapterName: string | undefined;
let adPlaying = false;
/** What the page's adapter said of its player, for a room joined later. */
const siteState: { breaks: readonly AdBreak[]; busy: boolean } = { breaks: [], busy: false };

function idle(): RoomStatus {
  return { inRoom: false, video: 'none', pageAddress: location.href, pageTitle: document.title };
}

function handle(request: ContentRequest): unknown {
  switch (request.type) {
    case 'join': {
      const b = request.binding;
      if (room && room.room.roomId === b.roomId && room.room.server === b.server) return room.status();
      room?.leave();
      room = new TabRoom(b);
      if (adapterName) room.binding.useSiteAdapter(adapterName);
      if (adPlaying) room.binding.setAdPlaying(true);
      room.binding.setAdBreaks(siteState.breaks);
      room.binding.setSiteBusy(siteState.busy);
      room.connect();
      return room.status();
    }
    case 'status':
      return room ? room.status() : idle();
    case 'chat':
      return { sent: room?.sendChat(request.text) ?? false };
    case 'leave':
      room?.leave();
      room = undefined;
      return idle();
    case 'openRoomMedia':
      room?.openRoomMedia();
      return { ok: room !== undefined };
    case 'sample':
      return room ? room.sample() : undefined;
  }
}

function isRequest(m: unknown): m is ContentRequest {
  const type = (m as { type?: unknown } | null)?.type;
  return typeof type === 'string' && ['join', 'status', 'chat', 'leave', 'openRoomMedia', 'sample'].includes(type);
}

if (!scope[FLAG]) {
  scope[FLAG] = true;
  chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    if (!isRequest(message)) return false;
    sendResponse(handle(message));
    return false;
  });
  window.addEventListener('message', (e) => {
    if (e.source !== window) return;
    const m = parseToContent(e.data);
    if (!m) return;
    switch (m.kind) {
      case 'adapter':
        adapterName = m.name;
        room?.binding.useSiteAdapter(m.name);
        return;
      case 'breaks':
        siteState.breaks = m.breaks;
        room?.binding.setAdBreaks(m.breaks);
        return;
      case 'busy':
        siteState.busy = m.busy;
        room?.binding.setSiteBusy(m.busy);
        return;
      case 'done':
        room?.binding.sitePlayer?.answered(m);
    }
  });
  window.addEventListener(AD_EVENT, (e) => {
    const playing = adPlayingOf(e);
    if (playing === undefined) return;
    adPlaying = playing;
    room?.binding.setAdPlaying(playing);
  });
  // The page's adapter may have announced itself before this script arrived: ask again.
  window.postMessage({ channel: TO_PAGE, kind: 'hello' }, location.origin === 'null' ? '*' : location.origin);
}
