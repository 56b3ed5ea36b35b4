import { TOLERANCES } from '../../../web/src/engine/tolerances';
import { RoomClient } from '../../../web/src/net/roomClient';
import type { ChatView } from '../../../web/src/protocol';
import { socketUrl } from '../../../web/src/ui/links';
import type { RoomBinding, RoomStatus, Sample } from '../shared/messages';
import { pageAddress, samePage } from '../shared/pageAddress';
import { loadSettings, onSoundDelayChange } from '../shared/settings';
import { VideoBinding } from './binding';
import { PortSocket, socketThroughBackground } from './portSocket';
import { Notice } from './notice';

/** An address as people read it (escapes decoded); the address itself when it does not decode. */
function readable(address: string): string {
  try {
    return decodeURIComponent(address);
  } catch {
    return address;
  }
}

/** Chat lines kept for the popup. */
const CHAT_KEPT = 100;

/**
 * This tab's membership of a room: the room connection (the web app's RoomClient), the binding of
 * the page's video, and the notice when the room watches another page than this one. The room's
 * media for rooms the extension makes is the page's address: a member elsewhere is told, and its
 * video is left alone.
 */
export class TabRoom {
  readonly client: RoomClient;
  readonly binding: VideoBinding;
  private readonly notice = new Notice();
  private readonly chat: ChatView[] = [];
  private blocked = false;

  constructor(readonly room: RoomBinding) {
    this.client = new RoomClient({
      url: socketUrl(new URL(room.server), room.roomId),
      name: room.name,
      tolerances: TOLERANCES,
      ...(room.resumeToken ? { resumeToken: room.resumeToken } : {}),
      ...(socketThroughBackground() ? { socket: (url: string) => new PortSocket(url) } : {}),
      // Asked on every (re)connect: the background renews an expiring token.
      token: () => chrome.runtime.sendMessage({ type: 'token', server: room.server, name: room.name })
        .then((r) => (r as { token?: string } | undefined)?.token, () => undefined),
    });
    this.binding = new VideoBinding(this.client);
    // The popup's sound delay, now and whenever it is changed there.
    const binding = this.binding;
    void loadSettings().then((s) => binding.setSoundDelay(s.soundDelayMs), () => undefined);
    onSoundDelayChange((ms) => binding.setSoundDelay(ms));
    this.binding.onBlocked = () => {
      this.blocked = true;
      this.update();
    };
    this.client.on('timeline', () => this.update());
    this.client.on('joined', (j) => {
      // Kept with the tab's room by the background: after a navigation the tab resumes this member.
      void chrome.runtime.sendMessage({ type: 'resume', roomId: room.roomId, resumeToken: j.resumeToken }).catch(() => undefined);
      this.update();
    });
    this.client.on('refused', () => this.update());
    this.client.on('chat', (c) => {
      if ('message' in c) this.chat.push(c.message);
      else if ('history' in c) this.chat.unshift(...c.history);
      else if ('deleted' in c) this.chat.splice(0, this.chat.length, ...this.chat.filter((m) => m.id !== c.deleted));
      if (this.chat.length > CHAT_KEPT) this.chat.splice(0, this.chat.length - CHAT_KEPT);
    });
    document.addEventListener('click', this.onClick, true);
  }

  connect(): void {
    this.client.connect();
  }

  leave(): void {
    document.removeEventListener('click', this.onClick, true);
    this.binding.stop();
    this.notice.hide();
    this.client.leave();
  }

  /** The room's media, when it is the address of a web page. */
  private get roomMedia(): string | undefined {
    return this.client.timeline?.mediaId;
  }

  get onRoomMedia(): boolean {
    return samePage(this.roomMedia, location.href);
  }

  /** Opens the page the room watches in this tab (the background binds it again once loaded). */
  openRoomMedia(): void {
    const target = pageAddress(this.roomMedia ?? '');
    if (target) location.assign(target);
  }

  private readonly onClick = (): void => {
    if (!this.blocked) return;
    this.blocked = false;
    this.binding.unblock();
    this.update();
  };

  private update(): void {
    if (this.client.refusal) {
      this.binding.stop();
      this.notice.show(`the room refused this member (${this.client.refusal}).`);
      return;
    }
    const media = this.roomMedia;
    if (media === undefined) {
      if (this.client.timeline) this.notice.show('this room has no page to watch yet.');
      return;
    }
    if (!this.onRoomMedia) {
      this.binding.stop();
      const target = pageAddress(media);
      this.notice.show(`this room watches ${readable(target ?? media)}. This page is another one, so its video is not synced.`,
        target ? { label: 'Open the room\'s page', run: () => this.openRoomMedia() } : undefined);
      return;
    }
    if (this.blocked) this.notice.show('the browser holds playback until you click in the page. Click anywhere to join.');
    else this.notice.hide();
    this.binding.start();
  }

  status(): RoomStatus {
    const c = this.client;
    const sync = this.binding.engine;
    // A player that waits (for data, a click, an ad) has no drift: its last one would be stale.
    const drifting = sync !== undefined && !sync.waiting && !this.binding.adPlaying;
    return {
      inRoom: true,
      server: this.room.server,
      roomId: this.room.roomId,
      roomName: c.room?.name,
      connection: c.state,
      refusal: c.refusal,
      memberId: c.memberId,
      members: c.members,
      chat: this.chat.slice(-50),
      roomMedia: this.roomMedia,
      onRoomMedia: this.onRoomMedia,
      state: c.timeline?.state,
      positionMs: c.timeline ? c.expectedPositionMs() : undefined,
      driftMs: drifting ? Math.round(sync.lastErrorMs * 10) / 10 : undefined,
      video: this.binding.kind,
      pageAddress: location.href,
      pageTitle: document.title,
    };
  }

  sendChat(text: string): boolean {
    return this.client.sendChat(text);
  }

  sample(): Sample {
    const v = this.binding.boundVideo;
    const c = this.client;
    const mediaMs = v ? v.currentTime * 1000 : NaN;
    const site = this.binding.sitePlayer;
    return {
      positionMs: site ? site.filmOf(mediaMs) : mediaMs,
      mediaPositionMs: mediaMs,
      ad: this.binding.adPlaying,
      adapter: site?.adapterName ?? null,
      wallMs: Date.now(),
      paused: v ? v.paused : true,
      seeking: v ? v.seeking : false,
      rate: v ? v.playbackRate : 1,
      readyState: v ? v.readyState : 0,
      serverNowMs: c.clockSynced ? c.serverNowMs() : NaN,
      syncErrorMs: this.binding.engine?.lastErrorMs ?? NaN,
      version: c.timeline?.version ?? -1,
      bound: v !== undefined && this.binding.engine !== undefined,
    };
  }
}
