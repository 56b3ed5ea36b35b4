import { PlayerSync } from '../engine/playerSync';
import { isScheduled, type Timeline } from '../engine/timeline';
import { TOLERANCES } from '../engine/tolerances';
import { onLanguageChange, t, type MessageKey } from '../i18n/i18n';
import { RoomClient } from '../net/roomClient';
import { attachMedia, type AttachedMedia } from '../player/source';
import { HtmlVideoPlayer } from '../player/htmlVideoPlayer';
import { cannotSeek } from '../player/seekable';
import type { CauseView, RoomView } from '../protocol';
import { Controls } from './controls';
import { PlayingWakeLock, RoomMediaSession } from './mediaSession';
import { SubtitlePanel } from './subtitles';
import { formatTime, h, i18n } from './dom';
import { socketUrl } from './links';
import { renderParticipants } from './participants';
import { Everyone } from './everyone';
import { ChatPanel } from './chat';
import { Reactions } from './reactions';
import { QueuePanel } from './queue';
import { permissions } from '../net/permissions';
import type { RoomRole } from '../net/cowatchApi';
import { ReadinessButton } from './readinessButton';
import { SoundPanel } from './soundPanel';
import { browserMadeIt, pageState } from '../player/browserPause';
import { roomLinkCard } from './roomLinkCard';
import { rememberRoom, resumeToken, saveResumeToken } from './storage';
import { ApiError } from '../net/api';
import { media as mediaApi, rooms, type RoomSettingsView } from '../net/cowatchApi';
import { type Cleanup, type PageContext } from './app';
import { describeError } from './forms';
import { MediaPicker } from './mediaPicker';
import { RoomAdmin } from './roomAdmin';
import { RoomFriends } from './roomFriends';
import { isRefusal, showRefusal } from './roomAccess';
import { joinPage } from './joinPage';
import { SharePanel } from './sharePanel';
import { takePendingShare } from '../p2p/pendingShare';
import { OwnCopyPanel } from './ownCopyPanel';
import { WebPagePanel } from './webPagePanel';
import { isPeerMedia } from '../p2p/peerMedia';
import { siteNotices } from './siteNotices';
import { IceServers } from '../p2p/iceServers';
import type { ControlMode } from '../p2p/peerAuthority';
import { PeerSync } from '../p2p/peerSync';
import { addressPrivacy } from '../p2p/addressPrivacy';
import { PrivacyPanel } from './privacyPanel';
import { VoiceChat } from '../voice/voiceChat';
import { VideoVolume } from './videoVolume';
import { VoicePanel } from './voicePanel';

/** How often the status parts of the page (countdown, seek bar) are redrawn. */
const RENDER_MS = 100;

/** The room page: finds the room, makes sure there is an identity, then joins and shows the synced player. */
export function roomPage(roomId: string, main: HTMLElement, ctx: PageContext): Cleanup {
  let cleanup: Cleanup = () => undefined;
  let alive = true;
  main.className = 'room';
  const load = () => {
    cleanup();
    cleanup = () => undefined;
    rooms.get(ctx.api, roomId).then((found) => {
      if (!alive) return;
      const room = found as RoomView & RoomSettingsView;
      // A private room does not tell a stranger its name (docs/api.md, "What strangers see"): its id stands in.
      const title = room.name ?? room.id;
      rememberRoom(room.id, title, Date.now());
      const enter = (name: string) => {
        if (alive) cleanup = enterRoom(main, room, name, ctx, load);
      };
      const session = ctx.api.session;
      const refusal = room.access?.refusal;
      if (session && typeof refusal === 'string' && isRefusal(refusal)) showRefusal(main, room, refusal, ctx, load);
      else if (session) enter(session.user.displayName);
      // Not signed in: the join page says where the link leads and asks for what is missing.
      else rooms.preview(ctx.api, room.id).then((p) => p, () => undefined)
        .then((preview) => alive && joinPage(main, preview, title, ctx, enter, load));
    }, (e: unknown) => {
      if (!alive) return;
      if (e instanceof ApiError && e.status === 404) {
        main.replaceChildren(i18n(h('p', { class: 'error', role: 'alert' }), 'room.notFound'), i18n(h('a', { href: '/' }), 'room.home'));
      } else {
        main.replaceChildren(h('p', { class: 'error', role: 'alert' }, describeError(e)));
      }
    });
  };
  load();
  return () => {
    alive = false;
    cleanup();
  };
}

function enterRoom(main: HTMLElement, room: RoomView & RoomSettingsView, name: string, ctx: PageContext, reload: () => void): Cleanup {
  const client = new RoomClient({
    url: socketUrl(location, room.id), name, tolerances: TOLERANCES, resumeToken: resumeToken(room.id),
    token: (refused) => (refused ? ctx.api.refresh(refused).then((s) => s?.accessToken) : ctx.api.accessToken()),
  });
  const video = h('video', { id: 'video', playsinline: true, preload: 'auto' });
  const player = new HtmlVideoPlayer(video, () => client.localNowMs);
  const sync = new PlayerSync(client, player, TOLERANCES);
  player.listen((kind, at, position, rate, paused) => {
    if (!browserMadeIt(kind, pageState(video))) sync.onEvent(kind, at, position, rate, paused);
  });
  // Read-only handle for the browser tests (e2e/) and for looking at the engine from the console.
  const debug = window as unknown as { __cowatch?: unknown };
  debug.__cowatch = { client, sync, video };

  const overlay = h('div', { class: 'overlay', 'aria-live': 'polite' });
  const joinButton = i18n(h('button', { type: 'button', class: 'primary big', id: 'join-playback' }), 'room.joinPlayback');
  const joinPrompt = h('div', { class: 'join-prompt', hidden: true }, joinButton, i18n(h('p'), 'room.joinPlaybackHint'));
  joinButton.addEventListener('click', () => {
    joinPrompt.hidden = true;
    void video.play().catch(() => undefined).finally(() => sync.unblock());
  });
  sync.onBlocked = () => (joinPrompt.hidden = false);
  const stage = h('div', { class: 'stage' }, video, overlay, joinPrompt);
  const volume = new VideoVolume(video);
  const controls = new Controls(video, client, stage, volume);
  // The lock screen, headset buttons and media keys act on the room; the screen stays on while it plays.
  const mediaSession = RoomMediaSession.of(client, () => (Number.isFinite(video.duration) ? video.duration * 1000 : NaN));
  mediaSession.attach();
  const wakeLock = PlayingWakeLock.of();
  const renderWatching = () => {
    mediaSession.update(room.name ?? 'Cowatch');
    wakeLock.update(client.timeline?.state === 'playing' && Boolean(client.timeline.mediaId));
  };
  const subtitles = new SubtitlePanel(video, client, ctx.api);

  const banner = h('div', { class: 'banner', role: 'status', hidden: true });
  const status = h('p', { class: 'status', 'aria-live': 'polite', id: 'status' });
  const toast = h('p', { class: 'toast', role: 'alert', id: 'toast' });
  const noMedia = i18n(h('p', { class: 'muted', hidden: true }), 'room.noMedia');
  // Stays while the film is one the player cannot seek in: a toast would be gone before the drift it explains.
  const notSeekable = i18n(h('p', { class: 'error', role: 'status', id: 'not-seekable', hidden: true }), 'room.notSeekable');
  const mediaInput = h('input', { id: 'media-url', type: 'url', maxlength: 2048, placeholder: 'https://…', autocomplete: 'off' });
  const picker = new MediaPicker(ctx.api, (id) => client.setMedia(id),
    () => rooms.preview(ctx.api, room.id).then((p) => p.details?.playing?.title));
  const mediaForm = h('form', { class: 'media-form', id: 'media-form' },
    i18n(h('label', { for: 'media-url' }), 'room.media.label'), mediaInput,
    i18n(h('button', { type: 'submit' }), 'room.media.submit'), picker.element);
  // The relay is handed to connected members of this room only (docs/api.md); it also says whether addresses can hide.
  const ice = new IceServers(ctx.api, room.id);
  addressPrivacy().setGuest(ctx.api.user?.kind !== 'account');
  const privacy = new PrivacyPanel(addressPrivacy());
  const sharePanel = new SharePanel(client, video, stage, (text) => showToast(text), ice);
  const ownCopy = new OwnCopyPanel(video);
  // The extension joins the page's tab under this viewer's name when it is a guest.
  const webPage = new WebPagePanel(room.id, () => client.members.find((m) => m.id === client.memberId)?.name ?? '');
  mediaForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (mediaInput.value.trim()) client.setMedia(mediaInput.value.trim());
  });

  const readiness = new ReadinessButton((notReady) => sync.setNotReady(notReady));
  // Slow headphones: the engine keeps this viewer's sound on the timeline, and the room is told the delay.
  const sound = new SoundPanel((ms) => {
    sync.soundDelayMs = ms;
  });

  const roomName = h('h1', { class: 'room-name' }, room.name);
  const participantsTitle = h('h2');
  const participants = h('ul', { class: 'participants', id: 'participants' });
  // A room of more than 100 lists its owner, moderators and those not ready; the rest are counted,
  // and shown from the room's snapshot when the viewer asks for everyone.
  const everyone = new Everyone(() => rooms.everyone(ctx.api, room.id), () => renderPeople());
  let showEveryone = false;
  const everyoneToggle = h('button', { type: 'button', class: 'link', id: 'show-everyone', 'aria-controls': 'participants' });
  everyoneToggle.addEventListener('click', () => {
    showEveryone = !showEveryone;
    renderPeople();
  });
  const moreText = h('span');
  const more = h('p', { class: 'member-more', hidden: true }, moreText, everyoneToggle);

  const admin = new RoomAdmin(ctx, room, (text) => showToast(text));
  const friends = new RoomFriends(ctx, room.id, (text) => showToast(text), () => renderPeople());
  const me = () => client.members.find((m) => m.id === client.memberId);
  const chat = new ChatPanel(client, () => me()?.name ?? '', () => me()?.role === 'owner' || me()?.role === 'moderator',
    () => ctx.api.user?.id, (seconds) => rooms.setSlowMode(ctx.api, room.id, seconds));
  const reactions = new Reactions(client);
  let controlMode = room.controlMode;
  // The room plays on between its members when the server is out of reach (docs/protocol.md 3.12).
  // Voice rides on the same peer connections; whoever hears a voice lowers the film (docs/protocol.md 3.12).
  let voicePanel: VoicePanel | undefined;
  const voice = new VoiceChat({
    get memberId() { return client.memberId; },
    duckingEnabled: () => voicePanel?.duckingEnabled ?? true,
    gain: (gain) => (volume.gain = gain),
    changed: () => {
      voicePanel?.render();
      renderPeople();
    },
  });
  voicePanel = new VoicePanel(voice, client);
  const peers = new PeerSync(client, () => ice.get(), room.id, sessionStorage, () => controlMode as ControlMode, voice);
  debug.__cowatch = { client, sync, video, peers, voice, volume };
  const queue = new QueuePanel(client, ctx.api, () => permissions.editQueue(me()?.role as RoomRole | undefined, controlMode));
  stage.append(reactions.layer);
  main.replaceChildren(
    banner,
    h('div', { class: 'room-layout' },
      h('section', { class: 'player' }, roomName, stage, controls.element, reactions.bar, noMedia, notSeekable, ownCopy.element, webPage.element, mediaForm, sharePanel.element, status, toast),
      h('aside', { class: 'side' },
        roomLinkCard(room.id, (text) => showToast(text)),
        h('div', { class: 'card' }, readiness.element),
        h('div', { class: 'card' }, participantsTitle, participants, more),
        voicePanel.element,
        sound.element,
        privacy.element,
        queue.element,
        chat.element,
        friends.element,
        admin.element)));
  controls.element.after(subtitles.element);

  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  function showToast(text: string): void {
    toast.textContent = text;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (toast.textContent = ''), 5_000);
  }

  let media: AttachedMedia | undefined;
  let mediaId: string | undefined;
  let lastCause: { cause: CauseView; timeline: Timeline } | undefined;
  const memberName = (id: string | undefined) => client.members.find((m) => m.id === id)?.name ?? t('cause.someone');
  const causeText = (c: CauseView, tl: Timeline): string => {
    // Typed, not cast: a cause the protocol names without a message here does not compile.
    const key: MessageKey = `cause.${c.intent}`;
    // A big room does not list everyone: the cause names its member.
    return t(key, { who: c.name ?? memberName(c.memberId), time: formatTime(tl.anchorPositionMs), rate: tl.rate });
  };

  function renderPeople(): void {
    const count = Math.max(client.memberCount, client.members.length);
    participantsTitle.textContent = t('room.participants', { count });
    const unlisted = client.memberCount - client.members.length;
    if (unlisted <= 0) showEveryone = false;
    if (showEveryone) everyone.refresh(count);
    const all = showEveryone && everyone.loaded;
    renderParticipants(participants, all ? everyone.merged(client.members) : client.members, client.memberId,
      client.timeline, (m) => friends.memberAction(m), voice.speaking);
    participants.classList.toggle('everyone', all);
    more.hidden = unlisted <= 0;
    moreText.textContent = showEveryone ? '' : `${t('room.moreMembers', { count: unlisted })} \u00b7 `;
    everyoneToggle.textContent = t(showEveryone ? 'room.showFewer' : 'room.showEveryone');
    everyoneToggle.setAttribute('aria-expanded', String(showEveryone));
  }

  function renderStatus(): void {
    const tl = client.timeline;
    let overlayText = '';
    if (tl && isScheduled(tl, client.serverNowMs())) {
      overlayText = t('room.countdown', { seconds: ((tl.anchorTimeMs - client.serverNowMs()) / 1000).toFixed(1) });
    } else if (tl?.state === 'waiting') {
      const waitingFor = client.members.filter((m) => (m.readiness === 'buffering' || m.readiness === 'needsClick') && m.connection === 'connected').map((m) => m.name);
      overlayText = waitingFor.length ? t('room.waiting', { names: waitingFor.join(', ') }) : t('room.waitingSomeone');
    }
    overlay.textContent = overlayText;
    overlay.hidden = overlayText === '';
    noMedia.hidden = Boolean(tl?.mediaId);
    controls.render();
    renderWatching();
  }

  function renderAll(): void {
    renderPeople();
    voicePanel?.render();
    ownCopy.render();
    webPage.render();
    renderStatus();
    readiness.render();
    sound.render();
    if (lastCause) status.textContent = causeText(lastCause.cause, lastCause.timeline);
    renderBanner();
  }

  function renderBanner(): void {
    banner.textContent = peers.onPeers ? t('room.onPeers')
      : client.state === 'reconnecting' ? t('room.reconnecting') : client.state === 'closed' ? t('room.closed') : '';
    banner.hidden = banner.textContent === '';
  }

  client.on('joined', (j) => {
    saveResumeToken(room.id, j.resumeToken);
    void ice.get(); // whether the server has a relay: the "hide my address" default and notice
    admin.refresh();
    friends.refresh();
    // Made from the friends page ("Watch a file with …"): the file is offered as soon as we are in.
    const pendingFile = takePendingShare(room.id);
    if (pendingFile) void sharePanel.share(pendingFile);
  });
  client.on('refused', (refusal) => {
    stop();
    showRefusal(main, room, refusal, ctx, reload);
  });
  client.on('timeline', ({ timeline, cause }) => {
    if (timeline.mediaId !== mediaId) {
      mediaId = timeline.mediaId;
      webPage.hide();
      media?.detach();
      media = undefined;
      if (mediaId) {
        mediaInput.value = isPeerMedia(mediaId) ? '' : picker.showing(mediaId);
        media = sharePanel.attach(mediaId) ?? ownCopy.attach(mediaId) ?? attachMedia(video, mediaId, {
          onError: (message) => showToast(t('error.media', { message })),
          resolveUploaded: (itemId) => mediaApi.url(ctx.api, itemId),
        });
      }
    }
    if (cause) {
      lastCause = { cause, timeline };
      status.textContent = causeText(cause, timeline);
    }
    // Apply a change now rather than on the next tick: every player stops (or moves) the moment
    // its news arrives, not up to a step later.
    sync.step();
    renderAll();
  });
  client.on('settings', (settings) => {
    controlMode = settings.controlMode;
    queue.render();
    roomName.textContent = settings.name;
    admin.settingsChanged(settings);
  });
  client.on('presence', () => {
    renderPeople();
    admin.presenceChanged();
  });
  client.on('state', renderAll);
  client.on('notice', (n) => siteNotices.receive(n));
  client.on('error', (e) => {
    if (client.refusal) return; // the refusal replaces the page; no toast on top
    const key = `error.${e.code}` as MessageKey;
    showToast(key in knownErrors ? t(key, { message: e.message }) : t('error.generic', { message: e.message }));
  });
  video.addEventListener('error', () => {
    // A room made by the browser extension names a web page, which no <video> can play: say where it is.
    const page = client.timeline?.mediaId;
    if (video.error?.code === MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED && page && /^https?:\/\//i.test(page)) {
      showToast(t('room.webPage', { url: page }));
      webPage.show(page);
    } else {
      showToast(t('error.media', { message: video.error?.message || String(video.error?.code ?? '') }));
    }
  });

  // Judged for each source as it loads: a film that cannot be sought drifts from the room at every pause and seek.
  video.addEventListener('loadedmetadata', () => {
    notSeekable.hidden = !cannotSeek(video.duration, video.seekable);
  });
  video.addEventListener('emptied', () => {
    notSeekable.hidden = true;
  });

  const onKey = (e: KeyboardEvent) => controls.handleKey(e);
  document.addEventListener('keydown', onKey);
  document.addEventListener('visibilitychange', renderWatching);
  // Browsers let audio start only after a gesture: the first click in the page lets the others' voices play.
  const onGesture = () => voice.resumeAudio();
  document.addEventListener('pointerdown', onGesture);
  const renderTimer = setInterval(() => {
    renderStatus();
    renderBanner();
  }, RENDER_MS);
  const offLanguage = onLanguageChange(renderAll);
  client.connect();
  sync.start();
  renderAll();
  let stopped = false;
  function stop(): void {
    if (stopped) return;
    stopped = true;
    admin.dispose();
    subtitles.dispose();
    sharePanel.dispose();
    ownCopy.dispose();
    webPage.dispose();
    peers.dispose();
    voicePanel?.dispose();
    privacy.dispose();
    voice.dispose();
    friends.dispose();
    document.removeEventListener('keydown', onKey);
    document.removeEventListener('visibilitychange', renderWatching);
    mediaSession.dispose();
    wakeLock.dispose();
    document.removeEventListener('pointerdown', onGesture);
    clearInterval(renderTimer);
    offLanguage();
    sync.stop();
    client.leave();
    delete debug.__cowatch;
    media?.detach();
  }
  return stop;
}

const knownErrors: Record<string, true> = {
  'error.conflict': true, 'error.not_allowed': true, 'error.forbidden': true, 'error.room_full': true, 'error.rate_limited': true,
  'error.no_media': true, 'error.invalid_argument': true, 'error.room_not_found': true,
};
