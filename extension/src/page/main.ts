import { AD_EVENT, parseToPage, TO_CONTENT, type ToContent } from '../shared/bridge';
import { SITE_ADAPTERS, type SiteAdapter } from './adapters';
import type { AdBreak } from '../shared/adBreaks';

// Injected into the page's own world (scripting.executeScript, world MAIN) next to the content
// script. Once per page; a second injection finds the flag and does nothing.
const FLAG = '__cowatchSiteAdapter';
const win = window as unknown as Record<string, unknown>;
let adPlaying = false;
/** What the content script was last told of the player's ad breaks and buffering (JSON; undefined: nothing yet). */
let toldBreaks: string | undefined;
let toldBusy = false;

function post(message: ToContent): void {
  window.postMessage(message, window.location.origin === 'null' ? '*' : window.location.origin);
}

/** How often the site's player is asked whether an ad plays (the sites' APIs mostly have no ad events). */
const AD_POLL_MS = 250;

function current(): SiteAdapter | undefined {
  return SITE_ADAPTERS.find((a) => a.matches(window));
}

/** Tells the content script the player's ad breaks and buffering when they changed (the site's API may throw). */
function tellState(): void {
  const adapter = current();
  let breaks: AdBreak[] = [];
  let busy = false;
  try {
    breaks = adapter?.adBreaks?.(window) ?? [];
    busy = adapter?.buffering?.(window) === true;
  } catch {
    // the site's player threw: nothing known
  }
  const json = JSON.stringify(breaks);
  if (json !== toldBreaks) {
    toldBreaks = json;
    post({ channel: TO_CONTENT, kind: 'breaks', breaks });
  }
  if (busy !== toldBusy) {
    toldBusy = busy;
    post({ channel: TO_CONTENT, kind: 'busy', busy });
  }
}

if (!win[FLAG]) {
  win[FLAG] = true;
  window.addEventListener('message', (e) => {
    if (e.source !== window) return;
    const m = parseToPage(e.data);
    if (!m) return;
    const adapter = current();
    if (m.kind === 'hello') {
      if (adapter) post({ channel: TO_CONTENT, kind: 'adapter', name: adapter.name });
      if (adPlaying) window.dispatchEvent(new CustomEvent(AD_EVENT, { detail: true }));
      // A content script that arrived late is told again.
      toldBreaks = undefined;
      toldBusy = false;
      tellState();
      return;
    }
    if (!adapter) {
      post({ channel: TO_CONTENT, kind: 'done', id: m.id, error: 'NoAdapter' });
      return;
    }
    Promise.resolve()
      .then(() => adapter.run(window, m.op, m.value))
      .then(() => post({ channel: TO_CONTENT, kind: 'done', id: m.id }),
        (err: unknown) => post({ channel: TO_CONTENT, kind: 'done', id: m.id, error: err instanceof Error ? err.name : 'Error' }));
  });
  const adapter = current();
  if (adapter) post({ channel: TO_CONTENT, kind: 'adapter', name: adapter.name });
  const checkAd = () => {
    const a = current();
    let now = false;
    try {
      now = a?.adPlaying?.(window) === true;
    } catch {
      now = false; // the site's API threw: no ad known
    }
    if (now === adPlaying) return;
    adPlaying = now;
    window.dispatchEvent(new CustomEvent(AD_EVENT, { detail: now }));
  };
  // An ad mostly starts by pausing or replacing the film: asked at each media event, in the capture phase, so
  // the content script knows before the event reaches the <video>; and now and then for the ad's end.
  for (const type of ['pause', 'play', 'seeking', 'ratechange', 'waiting', 'emptied', 'loadstart']) {
    window.addEventListener(type, checkAd, true);
  }
  // The pause event comes in a later task than the site's pause(), and the content script's engine reads the
  // <video> every 20 ms: a read in between found the film paused by the ad and reported a person's pause to
  // the room (ExtensionBrowserTest saw it under load). So the site's player is also asked the moment the
  // site pauses or plays an element, before pause() or play() returns.
  const media = HTMLMediaElement.prototype;
  const pause = media.pause;
  const play = media.play;
  media.pause = function (this: HTMLMediaElement): void {
    try {
      pause.call(this);
    } finally {
      checkAd();
    }
  };
  media.play = function (this: HTMLMediaElement): Promise<void> {
    try {
      return play.call(this);
    } finally {
      checkAd();
    }
  };
  setInterval(() => {
    checkAd();
    tellState();
  }, AD_POLL_MS);
}
