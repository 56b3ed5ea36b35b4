/**
 * The page of a room with no server (/nearby): the two steps of pairing (a code shown as a QR code and
 * text, the answer pasted back), then the room: the film, its share panel, who is where on the timeline,
 * and chat. The offer's QR code is a link to this page with the code after '#' (a fragment never leaves
 * the device), so a phone's camera opens the page with the code filled in.
 */
import { PlayerSync } from '../engine/playerSync';
import { TOLERANCES } from '../engine/tolerances';
import { t, type MessageKey } from '../i18n/i18n';
import { HtmlVideoPlayer } from '../player/htmlVideoPlayer';
import { browserMadeIt, pageState } from '../player/browserPause';
import { parsePeerMedia } from '../p2p/peerMedia';
import { h, i18n } from '../ui/dom';
import { qrSvg } from '../ui/qr';
import { SharePanel } from '../ui/sharePanel';
import type { AttachedMedia } from '../player/source';
import { NearbyLink, type LinkEvents, type Problem } from './nearbyLink';
import { NearbyRoom } from './nearbyRoom';
import { iceServersFor, loadSetting, saveSetting, validStun } from './nearbySettings';

export type Cleanup = () => void;

/** What the page's steps share: where they draw, and what to undo when the person leaves. */
interface Stage {
  readonly main: HTMLElement;
  link?: NearbyLink;
  room?: NearbyRoom;
  undo: Cleanup[];
}

export function nearbyPage(main: HTMLElement, fragment: string): Cleanup {
  const stage: Stage = { main, undo: [] };
  const code = fragment.replace(/^#/, '');
  if (code.startsWith('CW1O.')) joinStep(stage, decodeURIComponent(code));
  else chooseStep(stage);
  return () => reset(stage);
}

function reset(stage: Stage): void {
  stage.undo.splice(0).forEach((f) => f());
  stage.room?.dispose();
  stage.link?.close();
  stage.room = undefined;
  stage.link = undefined;
}

function chooseStep(stage: Stage): void {
  reset(stage);
  const name = nameInput();
  const stun = h('input', { id: 'nearby-stun', type: 'text', maxlength: 300, placeholder: 'stun:stun.example.org:3478', autocomplete: 'off',
    value: loadSetting('stun') });
  const error = h('p', { class: 'error', role: 'alert', id: 'nearby-error' });
  const start = i18n(h('button', { type: 'button', class: 'primary', id: 'nearby-start' }), 'nearby.start');
  const join = i18n(h('button', { type: 'button', id: 'nearby-join' }), 'nearby.join');
  const settingsOk = (): boolean => {
    const s = stun.value.trim();
    if (s && !validStun(s)) {
      error.textContent = t('nearby.stunInvalid');
      return false;
    }
    saveSetting('stun', s);
    saveSetting('name', name.value.trim());
    return true;
  };
  start.addEventListener('click', () => {
    if (settingsOk()) void offerStep(stage, name.value.trim() || 'Guest');
  });
  join.addEventListener('click', () => {
    if (settingsOk()) joinStep(stage, '');
  });
  stage.main.replaceChildren(h('section', { class: 'nearby', id: 'nearby' },
    i18n(h('h1'), 'nearby.title'), i18n(h('p', { class: 'muted' }), 'nearby.intro'),
    h('label', { for: 'nearby-name' }, t('nearby.name')), name,
    h('div', { class: 'nearby-actions' }, start, join),
    h('details', { class: 'nearby-stun' }, i18n(h('summary'), 'nearby.stun'), stun, i18n(h('p', { class: 'muted' }), 'nearby.stunHint')),
    error));
}

function nameInput(): HTMLInputElement {
  return h('input', { id: 'nearby-name', type: 'text', maxlength: 80, autocomplete: 'nickname', value: loadSetting('name') });
}

function linkEvents(stage: Stage, status: HTMLElement, error: HTMLElement, starter: boolean, name: string): LinkEvents {
  return {
    open: () => roomStep(stage, starter, name),
    end: (why) => {
      if (stage.room) {
        lost(stage, stage.room.peer?.name ?? stage.link?.peerName ?? '?');
        return;
      }
      status.textContent = '';
      error.textContent = t(why === 'unreachable' ? 'nearby.unreachable' : 'nearby.lost', { name: stage.link?.peerName ?? '?' });
    },
  };
}

async function offerStep(stage: Stage, name: string): Promise<void> {
  reset(stage);
  const status = h('p', { class: 'status', id: 'nearby-status', 'aria-live': 'polite' }, t('nearby.preparing'));
  const error = h('p', { class: 'error', role: 'alert', id: 'nearby-error' });
  const section = h('section', { class: 'nearby', id: 'nearby' }, i18n(h('h1'), 'nearby.title'), status, error);
  stage.main.replaceChildren(section);
  const { link, code } = await NearbyLink.offer(name, iceServersFor(loadSetting('stun')),
    linkEvents(stage, status, error, true, name));
  stage.link = link;
  status.textContent = '';
  const answer = h('textarea', { id: 'nearby-answer', rows: 4, spellcheck: false, autocomplete: 'off' });
  const connect = i18n(h('button', { type: 'button', class: 'primary', id: 'nearby-connect' }), 'nearby.connect');
  connect.addEventListener('click', () => {
    error.textContent = '';
    void link.accept(answer.value).then((p) => {
      if (p) error.textContent = problemText(p, 'answer');
      else status.textContent = t('nearby.connecting');
    });
  });
  const joinUrl = `${location.origin}${location.pathname}#${code}`;
  section.replaceChildren(i18n(h('h1'), 'nearby.title'),
    i18n(h('p'), 'nearby.offerStep'), codeView(code, joinUrl),
    h('label', { for: 'nearby-answer' }, t('nearby.answerStep')), answer, h('div', { class: 'nearby-actions' }, connect, againButton(stage)),
    status, error);
}

function joinStep(stage: Stage, offer: string): void {
  reset(stage);
  const name = nameInput();
  const pasted = h('textarea', { id: 'nearby-offer', rows: 4, spellcheck: false, autocomplete: 'off' });
  pasted.value = offer;
  const status = h('p', { class: 'status', id: 'nearby-status', 'aria-live': 'polite' });
  const error = h('p', { class: 'error', role: 'alert', id: 'nearby-error' });
  const make = i18n(h('button', { type: 'button', class: 'primary', id: 'nearby-make-answer' }), 'nearby.makeAnswer');
  const section = h('section', { class: 'nearby', id: 'nearby' }, i18n(h('h1'), 'nearby.title'),
    h('label', { for: 'nearby-name' }, t('nearby.name')), name,
    h('label', { for: 'nearby-offer' }, t('nearby.offerLabel')), pasted, h('div', { class: 'nearby-actions' }, make, againButton(stage)),
    status, error);
  make.addEventListener('click', () => {
    error.textContent = '';
    const me = name.value.trim() || 'Guest';
    saveSetting('name', name.value.trim());
    status.textContent = t('nearby.preparing');
    void NearbyLink.answer(pasted.value, me, iceServersFor(loadSetting('stun')), linkEvents(stage, status, error, false, me))
      .then((r) => {
        if ('problem' in r) {
          status.textContent = '';
          error.textContent = problemText(r, 'offer');
          return;
        }
        stage.link = r.link;
        make.disabled = true;
        pasted.readOnly = true;
        status.textContent = t('nearby.waiting');
        section.insertBefore(h('div', { class: 'nearby-answer-code' }, i18n(h('p'), 'nearby.answerShow'), codeView(r.code, r.code)), status);
      });
  });
  stage.main.replaceChildren(section);
}

/** The code as a QR code (of `qrText`) and as text to copy. */
function codeView(code: string, qrText: string): HTMLElement {
  const text = h('textarea', { id: 'nearby-code', rows: 4, readonly: true, spellcheck: false });
  text.value = code;
  const copied = h('span', { class: 'muted', 'aria-live': 'polite' });
  const copy = i18n(h('button', { type: 'button', id: 'nearby-copy' }), 'nearby.copy');
  copy.addEventListener('click', () => {
    text.select();
    void navigator.clipboard?.writeText(code).then(() => (copied.textContent = t('nearby.copied')), () => undefined);
  });
  const qr = h('div', { class: 'nearby-qr', id: 'nearby-qr' }, qrSvg(qrText, 'L'));
  return h('div', { class: 'nearby-code' }, qr, text, h('div', {}, copy, copied));
}

function againButton(stage: Stage): HTMLButtonElement {
  const b = i18n(h('button', { type: 'button', id: 'nearby-again' }), 'nearby.again');
  b.addEventListener('click', () => {
    history.replaceState(null, '', location.pathname);
    chooseStep(stage);
  });
  return b;
}

function problemText(p: Problem, expected: 'offer' | 'answer'): string {
  const key = p.problem === 'wrong_kind' ? `nearby.problem.wrong_kind.${expected}` : `nearby.problem.${p.problem}`;
  return t(key as MessageKey);
}

function lost(stage: Stage, name: string): void {
  const notice = stage.main.querySelector('#nearby-lost');
  if (notice) {
    notice.textContent = t('nearby.lost', { name });
    (notice as HTMLElement).hidden = false;
  }
}

function roomStep(stage: Stage, starter: boolean, name: string): void {
  const link = stage.link;
  if (!link) return;
  history.replaceState(null, '', location.pathname);
  const channel = link.channel;
  const room = new NearbyRoom({ send: (text) => channel.send(text), onMessage: (f) => channel.addEventListener('message', (e) => f(e.data as string)) },
    starter, name);
  stage.room = room;
  const video = h('video', { id: 'video', playsinline: true, preload: 'auto', controls: true });
  const player = new HtmlVideoPlayer(video, () => room.localNowMs);
  const sync = new PlayerSync(room, player, TOLERANCES);
  player.listen((kind, at, position, rate, paused) => {
    if (!browserMadeIt(kind, pageState(video))) sync.onEvent(kind, at, position, rate, paused);
  });
  (window as unknown as { __cowatch?: unknown }).__cowatch = { client: room, sync, video, link };
  const toast = h('p', { class: 'toast', role: 'alert', id: 'toast' });
  const showToast = (text: string) => (toast.textContent = text);
  const noFilm = i18n(h('p', { class: 'muted', id: 'nearby-no-film' }), 'nearby.noFilm');
  const mediaStage = h('div', { class: 'stage' }, video);
  const share = new SharePanel(room, video, mediaStage, showToast, { get: () => Promise.resolve(iceServersFor(loadSetting('stun'))) });
  const connected = h('p', { class: 'status', id: 'nearby-connected' });
  const health = h('p', { class: 'muted', id: 'nearby-health' });
  const lostNotice = h('p', { class: 'error', role: 'alert', id: 'nearby-lost', hidden: true });
  const chatList = h('ul', { class: 'chat-lines', id: 'nearby-chat', 'aria-live': 'polite' });
  const chatInput = h('input', { id: 'nearby-chat-input', type: 'text', maxlength: 1000, autocomplete: 'off' });
  i18n(chatInput, 'nearby.chatPlaceholder', 'placeholder');
  const chatForm = h('form', { class: 'chat-form', id: 'nearby-chat-form' }, chatInput, i18n(h('button', { type: 'submit' }), 'nearby.send'));
  chatForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (room.chat(chatInput.value)) chatInput.value = '';
  });
  const leave = i18n(h('button', { type: 'button', id: 'nearby-leave' }), 'nearby.leave');
  leave.addEventListener('click', () => chooseStep(stage));
  stage.main.replaceChildren(h('section', { class: 'nearby-room', id: 'nearby-room' },
    h('div', { class: 'nearby-bar' }, connected, leave), lostNotice, mediaStage, noFilm, toast, health, share.element,
    h('section', { class: 'chat' }, i18n(h('h2'), 'nearby.chat'), chatList, chatForm)));

  let attached: AttachedMedia | undefined;
  let mediaId: string | undefined;
  const onTimeline = () => {
    const next = room.timeline.mediaId;
    if (next === mediaId) return;
    attached?.detach();
    attached = undefined;
    mediaId = next;
    noFilm.hidden = Boolean(next);
    if (next && parsePeerMedia(next)) attached = share.attach(next);
  };
  const renderHealth = () => {
    const peer = room.peer;
    const fmt = (ms: number | undefined) => (ms === undefined ? '–' : `${Math.round(Math.abs(ms))} ms`);
    health.textContent = t('nearby.health', { mine: fmt(room.driftMs), name: peer?.name ?? '?', theirs: fmt(peer?.driftMs),
      clock: room.starter ? '0 ms' : `±${Math.round(Math.min(room.clockUncertaintyMs, 9_999))} ms` });
  };
  const renderConnected = () => {
    void link.route().then((route) => {
      const key = `nearby.route.${route && ['host', 'srflx', 'prflx', 'relay'].includes(route) ? route : 'unknown'}` as MessageKey;
      connected.textContent = t('nearby.connected', { name: room.peer?.name ?? link.peerName, route: t(key) });
    });
  };
  const healthTimer = setInterval(renderHealth, 1_000);
  stage.undo.push(
    room.on('timeline', onTimeline),
    room.on('peer', () => {
      renderConnected();
      renderHealth();
    }),
    room.on('chat', (l) => chatList.append(h('li', { class: 'chat-line' }, h('strong', {}, l.name), ' ', l.text))),
    room.on('refused', (code) => showToast(code === 'no_media' ? t('nearby.refused.no_media') : t('nearby.refused.other', { code }))),
    () => clearInterval(healthTimer),
    () => sync.stop(),
    () => share.dispose(),
    () => attached?.detach(),
  );
  onTimeline();
  renderConnected();
  sync.start();
}
