/**
 * A room whose video is a file on the members' own computers (`file:<size>:<sha256>`, made by
 * cowatch-bridge or a Syncplay-style room): the page says so instead of failing to load it, and lets
 * the viewer choose their copy. The copy is checked by its identity (player/fileId.ts: two MiB read,
 * nothing sent) and played from a blob URL; the sync engine drives it like any other source.
 */
import { t } from '../i18n/i18n';
import type { AttachedMedia } from '../player/source';
import { fileIdOf, judgeCopy, parseFileId, type FileId } from '../player/fileId';
import { h } from './dom';
import { formatBytes } from './units';

export class OwnCopyPanel {
  readonly element: HTMLElement;
  private readonly text = h('p', { id: 'own-copy-text' });
  private readonly input = h('input', { type: 'file', accept: 'video/*,audio/*,.mkv,.mp4,.webm,.mov,.avi', id: 'own-copy-file', hidden: true });
  private readonly button = h('button', { type: 'button', id: 'own-copy-choose' });
  private readonly status = h('p', { id: 'own-copy-status', role: 'status', 'aria-live': 'polite' });
  /** Copies already checked this visit, by media id: a room that comes back to the same file plays it again. */
  private readonly checked = new Map<string, File>();
  private room: { mediaId: string; id: FileId } | undefined;
  private url: string | undefined;

  constructor(private readonly video: HTMLVideoElement) {
    this.element = h('section', { class: 'own-copy card', id: 'own-copy', hidden: true }, this.text,
      h('div', { class: 'row' }, this.button, this.input), this.status);
    this.button.addEventListener('click', () => this.input.click());
    this.input.addEventListener('change', () => {
      const f = this.input.files?.[0];
      this.input.value = '';
      if (f) void this.choose(f);
    });
    this.render();
  }

  /** Takes a `file:` media; undefined when `mediaId` is not one. */
  attach(mediaId: string): AttachedMedia | undefined {
    const id = parseFileId(mediaId);
    if (!id) return undefined;
    const room = { mediaId, id };
    this.room = room;
    this.element.hidden = false;
    this.status.textContent = '';
    this.render();
    const known = this.checked.get(mediaId);
    if (known) this.play(known);
    return {
      detach: () => {
        if (this.room !== room) return;
        this.room = undefined;
        this.element.hidden = true;
        this.stop();
      },
    };
  }

  /** The language changed. */
  render(): void {
    this.text.textContent = this.room ? t('ownCopy.explain', { size: formatBytes(this.room.id.sizeBytes) }) : '';
    this.button.textContent = t('ownCopy.choose');
  }

  dispose(): void {
    this.stop();
  }

  private async choose(file: File): Promise<void> {
    const room = this.room;
    if (!room) return;
    this.status.textContent = t('ownCopy.checking', { name: file.name });
    let local: string;
    try {
      local = await fileIdOf(file);
    } catch (e) {
      this.status.textContent = t('ownCopy.unreadable', { name: file.name, reason: e instanceof Error ? e.message : String(e) });
      return;
    }
    if (this.room !== room) return; // the room moved on while the file was read
    const verdict = judgeCopy(room.id, local);
    if (verdict === 'same') {
      this.checked.set(room.mediaId, file);
      this.play(file);
      return;
    }
    this.status.textContent = verdict === 'otherSize'
      ? t('ownCopy.otherSize', { name: file.name, ...sizes(file.size, room.id.sizeBytes) })
      : t('ownCopy.otherContent', { name: file.name });
  }

  private play(file: File): void {
    this.stop();
    this.url = URL.createObjectURL(file);
    this.video.src = this.url;
    this.status.textContent = t('ownCopy.playing', { name: file.name });
  }

  private stop(): void {
    if (!this.url) return;
    URL.revokeObjectURL(this.url);
    this.url = undefined;
    this.video.removeAttribute('src');
    this.video.load();
  }
}

/** Both sizes, exact when rounding would make them look alike. */
function sizes(yours: number, theirs: number): { yours: string; theirs: string } {
  const a = formatBytes(yours);
  const b = formatBytes(theirs);
  if (a !== b) return { yours: a, theirs: b };
  const n = (v: number) => t('unit.bytes', { n: new Intl.NumberFormat().format(v) });
  return { yours: n(yours), theirs: n(theirs) };
}
