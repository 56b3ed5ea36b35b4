import { onLanguageChange, t } from '../i18n/i18n';
import type { Api } from '../net/api';
import type { RoomClient } from '../net/roomClient';
import { subtitlesApi, type SubtitleTrackView } from '../net/subtitlesApi';
import type { Role } from '../protocol';
import { h, i18n } from './dom';
import { describeError } from './forms';

const UPLOADED_PREFIX = 'media:';
/** Signed URLs live 6 hours; a list older than this is asked for again before a track is switched on. */
const LIST_FRESH_MS = 30 * 60_000;
const LOCAL_KEY = 'cowatch.subtitles.here';
const MAX_LABEL = 100;

/** The library item a room's media id names (`media:{id}`), if it names one. */
export function uploadedItemId(mediaId: string | null | undefined): string | undefined {
  if (!mediaId?.startsWith(UPLOADED_PREFIX)) return undefined;
  const id = mediaId.slice(UPLOADED_PREFIX.length);
  return /^[a-z0-9]{8,40}$/.test(id) ? id : undefined;
}

/**
 * The mode of each track: the room's track is shown, or kept loaded but hidden when this viewer has
 * turned subtitles off here (so turning them back on is instant); every other track is off.
 */
export function trackModes(ids: readonly string[], roomTrack: string | null, showHere: boolean): Map<string, TextTrackMode> {
  return new Map(ids.map((id) => [id, id !== roomTrack ? 'disabled' : showHere ? 'showing' : 'hidden']));
}

/** docs/api.md's permission table: choosing the room's subtitles is controlling playback. */
export function canChooseSubtitles(role: Role | undefined, controlMode: string | undefined): boolean {
  return role === 'owner' || role === 'moderator' || role === 'host' || (role !== undefined && controlMode === 'everyone');
}

export function isSubtitleFile(name: string): boolean {
  return /\.(srt|vtt)$/i.test(name.trim());
}

/** A track's label from its file name: without the extension, at most 100 characters. */
export function labelFromFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.(srt|vtt)$/i, '').trim();
  return Array.from(base).slice(0, MAX_LABEL).join('');
}

/** What the menu shows for a track: its label, and its language when the label does not say it. */
export function trackTitle(track: Pick<SubtitleTrackView, 'label' | 'language'>): string {
  return track.language && track.language !== track.label ? `${track.label} (${track.language})` : track.label;
}

function loadShowHere(): boolean {
  try {
    return localStorage.getItem(LOCAL_KEY) !== 'off';
  } catch {
    return true;
  }
}

function saveShowHere(on: boolean): void {
  try {
    localStorage.setItem(LOCAL_KEY, on ? 'on' : 'off');
  } catch {
    // remembered for this page only
  }
}

/**
 * Subtitles of the room's uploaded media: one `<track>` per track on the video (signed URLs, same
 * origin), the room's choice shown to everyone (a permitted member changes it for the room), a
 * local switch that hides it on this screen only, and for the item's owner an upload form.
 */
export class SubtitlePanel {
  readonly element: HTMLElement;
  private readonly select = h('select', { id: 'subtitle-room' });
  private readonly local = h('input', { type: 'checkbox', id: 'subtitle-local' });
  private readonly chosenBy = h('span', { class: 'muted', id: 'subtitle-chosen-by' });
  private readonly none = i18n(h('p', { class: 'muted', id: 'subtitle-none' }), 'subtitles.none');
  private readonly file = h('input', { type: 'file', id: 'subtitle-file', accept: '.srt,.vtt,text/vtt,application/x-subrip' });
  private readonly language = h('input', { id: 'subtitle-language', maxlength: 35, size: 6, autocomplete: 'off' });
  private readonly uploadButton = i18n(h('button', { type: 'submit' }), 'subtitles.upload');
  private readonly uploadForm: HTMLFormElement;
  private readonly status = h('p', { class: 'status', id: 'subtitle-status', 'aria-live': 'polite' });
  private readonly elements = new Map<string, HTMLTrackElement>();
  private readonly unsubscribe: (() => void)[] = [];
  private tracks: SubtitleTrackView[] = [];
  private mediaId: string | undefined;
  private itemId: string | undefined;
  private owner = false;
  private listedAt = 0;
  private generation = 0;
  private inFlight = false;
  private chooser: string | undefined;
  private showHere = loadShowHere();
  /** A room track not in the list was asked for once already: do not ask on every render. */
  private missingAskedFor: string | undefined;

  constructor(private readonly video: HTMLVideoElement, private readonly client: RoomClient, private readonly api: Api,
    private readonly now: () => number = Date.now) {
    i18n(this.select, 'subtitles.room', 'aria-label');
    i18n(this.language, 'subtitles.language', 'placeholder');
    i18n(this.language, 'subtitles.language', 'aria-label');
    this.select.addEventListener('change', () => client.chooseSubtitle(this.select.value || null));
    this.local.checked = this.showHere;
    this.local.addEventListener('change', () => {
      this.showHere = this.local.checked;
      saveShowHere(this.showHere);
      this.applyModes();
    });
    this.uploadForm = h('form', { class: 'subtitle-upload', id: 'subtitle-upload', hidden: true },
      i18n(h('label', { for: 'subtitle-file' }), 'subtitles.file'), this.file, this.language, this.uploadButton);
    this.uploadForm.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.upload();
    });
    this.element = h('div', { class: 'subtitles', id: 'subtitles', hidden: true },
      i18n(h('h2'), 'subtitles.title'),
      h('div', { class: 'row' }, i18n(h('label', { for: 'subtitle-room' }), 'subtitles.room'), this.select, this.chosenBy),
      h('label', { class: 'check' }, this.local, i18n(h('span'), 'subtitles.local')),
      this.none, this.uploadForm, this.status);

    this.unsubscribe.push(
      client.on('timeline', ({ timeline }) => {
        if (timeline.mediaId !== this.mediaId) this.mediaChanged(timeline.mediaId);
      }),
      client.on('subtitle', ({ track, memberId }) => {
        this.chooser = memberId;
        // Switching a track on loads it from its signed URL: make sure that URL is not near its end.
        if (track !== null && this.itemId && !this.inFlight && this.now() - this.listedAt > LIST_FRESH_MS) void this.refresh();
        this.render();
      }),
      client.on('presence', () => this.render()),
      client.on('settings', () => this.render()),
      onLanguageChange(() => this.render()),
    );
    this.mediaChanged(client.timeline?.mediaId);
  }

  dispose(): void {
    this.generation++;
    this.unsubscribe.forEach((off) => off());
    this.setTracks([]);
  }

  private mediaChanged(mediaId: string | undefined): void {
    this.mediaId = mediaId;
    this.itemId = uploadedItemId(mediaId);
    this.generation++; // whatever the old media's list brings back is dropped
    this.inFlight = false;
    this.owner = false;
    this.missingAskedFor = undefined;
    this.status.textContent = '';
    this.setTracks([]);
    this.render();
    if (this.itemId) {
      const itemId = this.itemId;
      subtitlesApi.owns(this.api, itemId).then((mine) => {
        if (itemId !== this.itemId) return;
        this.owner = mine;
        this.render();
      }, () => undefined);
      void this.refresh();
    }
  }

  /** Lists the item's tracks again (fresh signed URLs); a newer call or a media change wins. */
  private async refresh(): Promise<void> {
    const itemId = this.itemId;
    const generation = ++this.generation;
    if (!itemId) return;
    this.inFlight = true;
    try {
      const tracks = await subtitlesApi.list(this.api, itemId);
      if (generation !== this.generation) return;
      this.listedAt = this.now();
      this.setTracks(tracks);
    } catch (e) {
      if (generation !== this.generation) return;
      this.status.textContent = t('subtitles.loadFailed', { message: describeError(e) });
    } finally {
      if (generation === this.generation) this.inFlight = false;
    }
    this.render();
  }

  /** Keeps one `<track>` per track; a loaded one keeps its cues, one not yet loaded takes the fresh URL. */
  private setTracks(tracks: SubtitleTrackView[]): void {
    this.tracks = tracks;
    const wanted = new Set(tracks.map((x) => x.id));
    for (const [id, el] of this.elements) {
      if (!wanted.has(id)) {
        el.remove();
        this.elements.delete(id);
      }
    }
    for (const track of tracks) {
      const existing = this.elements.get(track.id);
      if (existing) {
        if (existing.readyState === HTMLTrackElement.NONE || existing.readyState === HTMLTrackElement.ERROR) {
          existing.src = track.url;
        }
        continue;
      }
      const el = h('track', { kind: 'subtitles', label: trackTitle(track), src: track.url, 'data-track-id': track.id });
      if (track.language) el.srclang = track.language;
      this.video.append(el);
      el.track.mode = 'disabled';
      this.elements.set(track.id, el);
    }
  }

  private applyModes(): void {
    const modes = trackModes([...this.elements.keys()], this.client.subtitle, this.showHere);
    for (const [id, mode] of modes) {
      const track = this.elements.get(id)?.track;
      if (track && track.mode !== mode) track.mode = mode;
    }
  }

  private render(): void {
    const roomTrack = this.client.subtitle;
    this.element.hidden = !this.itemId;
    const me = this.client.members.find((m) => m.id === this.client.memberId);
    const allowed = canChooseSubtitles(me?.role, this.client.room?.controlMode);
    this.select.replaceChildren(h('option', { value: '' }, t('subtitles.off')),
      ...this.tracks.map((x) => h('option', { value: x.id }, trackTitle(x))));
    const listed = roomTrack !== null && this.tracks.some((x) => x.id === roomTrack);
    this.select.value = listed ? roomTrack : '';
    this.select.disabled = !allowed || this.tracks.length === 0;
    this.select.title = allowed ? '' : t('subtitles.notAllowed');
    const who = this.client.members.find((m) => m.id === this.chooser)?.name;
    this.chosenBy.textContent = listed && who ? t('subtitles.chosenBy', { who }) : '';
    this.none.hidden = this.tracks.length > 0;
    this.uploadForm.hidden = !this.owner;
    this.local.checked = this.showHere;
    if (roomTrack !== null && !listed && this.itemId && !this.inFlight && this.missingAskedFor !== roomTrack) {
      // Chosen before this page knew the track (uploaded since): fetch the list once more.
      this.missingAskedFor = roomTrack;
      void this.refresh();
    }
    this.applyModes();
  }

  private async upload(): Promise<void> {
    const file = this.file.files?.[0];
    const itemId = this.itemId;
    if (!file || !itemId) return;
    if (!isSubtitleFile(file.name)) {
      this.status.textContent = t('subtitles.wrongFile');
      return;
    }
    this.uploadButton.disabled = true;
    this.status.textContent = t('subtitles.uploading');
    try {
      const language = this.language.value.trim();
      const added = await subtitlesApi.upload(this.api, itemId, file, {
        label: labelFromFileName(file.name), ...(language ? { language } : {}),
      });
      const cues = added.cues ?? 0;
      this.status.textContent = added.warnings.length > 0
        ? t('subtitles.uploadedWithWarnings', { label: added.label, cues, count: added.warnings.length, first: added.warnings[0] ?? '' })
        : t('subtitles.uploaded', { label: added.label, cues });
      this.file.value = '';
      await this.refresh();
    } catch (e) {
      this.status.textContent = describeError(e);
    } finally {
      this.uploadButton.disabled = false;
    }
  }
}
