import { t } from '../i18n/i18n';
import type { Api } from '../net/api';
import { media, type MediaItem } from '../net/cowatchApi';
import { UPLOADED_PREFIX } from '../player/source';
import { formatTime, h, i18n } from './dom';

/** The list is read again when the picker is opened, at most this often (a new upload may be ready). */
const REFRESH_MS = 5_000;

/**
 * The room's media form, beside the URL: one of the viewer's ready uploads, and the title of the
 * upload the room plays (instead of `media:xyz`). Someone else's upload is not in the viewer's library
 * (it is private): its title comes from the room's preview, which tells anyone let into the room what it
 * plays; "an uploaded video" until it comes, or when the preview does not say.
 */
export class MediaPicker {
  readonly element: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly label: HTMLLabelElement;
  private readonly upload: HTMLElement;
  private readonly playing: HTMLElement;
  private items: MediaItem[] = [];
  private current: string | undefined;
  private readAt = -Infinity;
  /** The viewer's library has been read once: an upload not in it is someone else's. */
  private listed = false;
  /** Titles of uploads that are not the viewer's, as the room described them; asked once per upload. */
  private readonly roomTitles = new Map<string, string | undefined>();

  /** `describeRoomMedia`: the title of what the room plays now, as its preview says (undefined: it does not say). */
  constructor(private readonly api: Api, onPick: (mediaId: string) => void,
    private readonly describeRoomMedia: () => Promise<string | undefined> = () => Promise.resolve(undefined)) {
    this.select = h('select', { id: 'media-library', class: 'media-library' });
    this.label = i18n(h('label', { for: 'media-library' }), 'picker.label');
    this.select.addEventListener('change', () => {
      const value = this.select.value;
      if (value && value !== this.current) onPick(value);
    });
    this.select.addEventListener('focus', () => this.load());
    this.upload = h('a', { href: '/media', target: '_blank', rel: 'noopener', class: 'small-text', id: 'media-upload-link', hidden: true });
    i18n(this.upload, 'picker.upload');
    this.playing = h('p', { class: 'muted now-playing', id: 'now-playing', hidden: true });
    this.element = h('div', { class: 'media-picker' }, this.label, this.select, this.upload, this.playing);
    this.element.hidden = !api.session;
    this.render();
    this.load();
  }

  /**
   * The room plays `mediaId` now. Returns what the URL field should show: the URL, or nothing for
   * an upload (its title shows here).
   */
  showing(mediaId: string | undefined): string {
    this.current = mediaId;
    this.render();
    return mediaId && mediaId.startsWith(UPLOADED_PREFIX) ? '' : mediaId ?? '';
  }

  private load(): void {
    if (!this.api.session || Date.now() - this.readAt < REFRESH_MS) return;
    this.readAt = Date.now();
    media.list(this.api).then((items) => {
      this.items = items;
      this.listed = true;
      this.render();
    }, () => {
      this.readAt = -Infinity; // try again next time
    });
  }

  private render(): void {
    const ready = this.items.filter((i) => i.status === 'ready');
    const uploaded = this.current?.startsWith(UPLOADED_PREFIX) ? this.current : undefined;
    const options: HTMLOptionElement[] = [h('option', { value: '' }, t('picker.choose'))];
    for (const item of ready) {
      const label = typeof item.durationMs === 'number' ? `${item.title} (${formatTime(item.durationMs)})` : item.title;
      options.push(h('option', { value: item.mediaId }, label));
    }
    if (uploaded && !ready.some((i) => i.mediaId === uploaded)) options.push(h('option', { value: uploaded, disabled: true }, this.titleOf(uploaded)));
    const focused = document.activeElement === this.select;
    this.select.replaceChildren(...options);
    this.select.value = uploaded ?? '';
    if (focused) this.select.focus();
    // Someone without uploads of their own has nothing to pick: what plays is named below, not offered as "yours".
    this.select.hidden = ready.length === 0;
    this.label.hidden = this.select.hidden;
    this.upload.hidden = ready.length > 0;
    const title = uploaded ? this.titleOf(uploaded) : undefined;
    this.playing.textContent = title ? t('picker.playing', { title }) : '';
    this.playing.hidden = !title;
  }

  /** The viewer's own title for an upload, else the room's, asked for the first time it is needed. */
  private titleOf(mediaId: string): string {
    const own = this.items.find((i) => i.mediaId === mediaId)?.title;
    if (own) return own;
    // Until the library is read, the upload may be the viewer's own: the room is not asked for nothing.
    if (this.listed && !this.roomTitles.has(mediaId)) {
      this.roomTitles.set(mediaId, undefined);
      this.describeRoomMedia().then((title) => {
        // The preview describes what plays now: kept only if that is still this upload.
        if (this.current !== mediaId || !title) return;
        this.roomTitles.set(mediaId, title);
        this.render();
      }, () => this.roomTitles.delete(mediaId)); // asked again next time
    }
    return this.roomTitles.get(mediaId) ?? t('picker.uploaded');
  }
}
