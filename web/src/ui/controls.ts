import type { RoomClient } from '../net/roomClient';
import { t } from '../i18n/i18n';
import { formatTime, h, i18n } from './dom';
import { icon } from './icons';
import { VideoVolume } from './videoVolume';

const RATES = [0.5, 0.75, 1, 1.25, 1.5, 2];
const STEP_MS = 10_000;

/**
 * Cowatch's own player controls. Play, pause, seek and speed are intents to the room (everyone
 * follows); volume, mute and fullscreen are local. Works with the keyboard alone.
 */
export class Controls {
  readonly element: HTMLElement;
  private readonly playButton: HTMLButtonElement;
  private readonly seek: HTMLInputElement;
  private readonly time: HTMLElement;
  private readonly rate: HTMLSelectElement;
  private readonly mute: HTMLButtonElement;
  private readonly volume: HTMLInputElement;
  private dragging = false;
  private shownPlaying: boolean | undefined;

  constructor(private readonly video: HTMLVideoElement, private readonly client: RoomClient, private readonly fullscreenTarget: HTMLElement,
    private readonly level: VideoVolume = new VideoVolume(video)) {
    this.playButton = h('button', { type: 'button', class: 'play', id: 'play-pause' });
    this.playButton.addEventListener('click', () => this.togglePlay());
    const back = i18n(h('button', { type: 'button', id: 'back-10' }, '−10'), 'controls.back10', 'aria-label');
    back.addEventListener('click', () => this.jump(-STEP_MS));
    const forward = i18n(h('button', { type: 'button', id: 'forward-10' }, '+10'), 'controls.forward10', 'aria-label');
    forward.addEventListener('click', () => this.jump(STEP_MS));

    this.seek = i18n(h('input', { type: 'range', id: 'seek', min: 0, max: 0, step: 100, value: 0 }), 'controls.seek', 'aria-label');
    this.seek.addEventListener('input', () => (this.dragging = true));
    this.seek.addEventListener('change', () => {
      this.dragging = false;
      this.client.seek(Number(this.seek.value));
    });
    this.time = h('span', { class: 'time', id: 'time' }, '0:00');

    this.rate = i18n(h('select', { id: 'rate' }, ...RATES.map((r) => h('option', { value: r }, `${r}×`))), 'controls.rate', 'aria-label');
    this.rate.value = '1';
    this.rate.addEventListener('change', () => this.client.setRate(Number(this.rate.value)));

    this.mute = h('button', { type: 'button', id: 'mute' });
    this.mute.addEventListener('click', () => (this.video.muted = !this.video.muted));
    this.volume = i18n(h('input', { type: 'range', id: 'volume', min: 0, max: 1, step: 0.05, value: 1 }), 'controls.volume', 'aria-label');
    this.volume.addEventListener('input', () => {
      this.level.user = Number(this.volume.value);
      this.video.muted = false;
    });
    this.video.addEventListener('volumechange', () => this.renderVolume());
    const fullscreen = i18n(h('button', { type: 'button', id: 'fullscreen' }, icon('fullscreen')), 'controls.fullscreen', 'aria-label');
    fullscreen.addEventListener('click', () => this.toggleFullscreen());
    // Picture in picture: the same <video> in a window of its own, so the sync engine keeps it on the room's timeline
    // and its window's play and pause reach the room as gestures. Shown only where the browser offers it.
    const pip = i18n(h('button', { type: 'button', id: 'pip', hidden: !pictureInPictureOffered() }, icon('pip')), 'controls.pip', 'aria-label');
    pip.addEventListener('click', () => this.togglePictureInPicture());

    this.element = i18n(h('div', { class: 'controls', role: 'group' },
      this.playButton, back, forward, this.seek, this.time, this.rate, this.mute, this.volume, fullscreen, pip,
      i18n(h('p', { class: 'hint' }), 'controls.shortcuts')), 'controls.label', 'aria-label');
    this.renderVolume();
    this.render();
  }

  /** Keys work anywhere on the page except while typing in a field. */
  handleKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement | null;
    if (target && (target.tagName === 'INPUT' && (target as HTMLInputElement).type !== 'range' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const actions: Record<string, () => void> = {
      ' ': () => this.togglePlay(),
      k: () => this.togglePlay(),
      ArrowLeft: () => this.jump(-STEP_MS),
      ArrowRight: () => this.jump(STEP_MS),
      ArrowUp: () => this.changeVolume(0.1),
      ArrowDown: () => this.changeVolume(-0.1),
      m: () => (this.video.muted = !this.video.muted),
      f: () => this.toggleFullscreen(),
    };
    const action = actions[e.key.length === 1 ? e.key.toLowerCase() : e.key];
    if (!action) return;
    if (target?.tagName === 'BUTTON' && e.key === ' ') return; // a focused button's own click
    e.preventDefault();
    action();
  }

  /** Called often: shows where the room is, what is buffered and the play/pause state. */
  render(): void {
    const timeline = this.client.timeline;
    const duration = Number.isFinite(this.video.duration) ? this.video.duration * 1000 : 0;
    const position = timeline ? this.client.expectedPositionMs() : 0;
    const playing = timeline?.state === 'playing' || timeline?.state === 'waiting';
    if (playing !== this.shownPlaying) {
      this.shownPlaying = playing;
      this.playButton.replaceChildren(icon(playing ? 'pause' : 'play'));
    }
    this.playButton.setAttribute('aria-label', t(playing ? 'controls.pause' : 'controls.play'));
    this.playButton.disabled = !timeline?.mediaId;
    this.seek.max = String(Math.round(duration));
    if (!this.dragging) this.seek.value = String(Math.round(Math.min(position, duration || position)));
    this.seek.style.setProperty('--buffered', this.bufferedGradient(duration));
    this.time.textContent = `${formatTime(this.dragging ? Number(this.seek.value) : position)} / ${formatTime(duration)}`;
    // A screen reader would read the range's raw milliseconds; it reads the position as the player shows it.
    this.seek.setAttribute('aria-valuetext', t('controls.seekValue', { time: formatTime(Number(this.seek.value)), total: formatTime(duration) }));
    if (timeline && document.activeElement !== this.rate) this.rate.value = String(timeline.rate);
  }

  private togglePlay(): void {
    const timeline = this.client.timeline;
    if (!timeline?.mediaId) return;
    if (timeline.state === 'paused') this.client.play();
    else this.client.pause(this.video.currentTime * 1000);
  }

  private jump(deltaMs: number): void {
    if (!this.client.timeline?.mediaId) return;
    this.client.seek(Math.max(0, this.client.expectedPositionMs() + deltaMs));
  }

  private changeVolume(delta: number): void {
    this.level.user = this.level.user + delta;
    this.video.muted = false;
  }

  private togglePictureInPicture(): void {
    if (document.pictureInPictureElement) void document.exitPictureInPicture().catch(() => undefined);
    else void this.video.requestPictureInPicture?.().catch(() => undefined);
  }

  private toggleFullscreen(): void {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void this.fullscreenTarget.requestFullscreen?.();
  }

  private renderVolume(): void {
    // The viewer's own volume: while someone speaks the element plays lower (ducking), the slider does not move.
    const muted = this.video.muted || this.level.user === 0;
    this.mute.replaceChildren(icon(muted ? 'muted' : 'volume'));
    this.mute.setAttribute('aria-label', t(muted ? 'controls.unmute' : 'controls.mute'));
    this.volume.value = String(this.video.muted ? 0 : this.level.user);
  }

  /** The buffered ranges as a CSS gradient behind the seek bar. */
  private bufferedGradient(durationMs: number): string {
    if (durationMs <= 0) return 'none';
    const stops: string[] = [];
    const b = this.video.buffered;
    for (let i = 0; i < b.length; i++) {
      const from = (b.start(i) * 1000 / durationMs) * 100;
      const to = (b.end(i) * 1000 / durationMs) * 100;
      stops.push(`transparent ${from}%, var(--buffered-color) ${from}%, var(--buffered-color) ${to}%, transparent ${to}%`);
    }
    return stops.length ? `linear-gradient(to right, ${stops.join(', ')})` : 'none';
  }
}

/** Whether this browser can show a video in a window of its own (Chromium and Safari; Firefox has its own button). */
function pictureInPictureOffered(): boolean {
  return typeof document !== 'undefined' && document.pictureInPictureEnabled === true;
}
