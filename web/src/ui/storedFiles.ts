/**
 * "Files received from others": what this browser keeps of shared files (p2p/chunkStore.ts), how much
 * space each takes and until when it is kept, with a button to remove one now. In a room it is a
 * folded panel linking to the page of its own (`/files`, ui/storedFilesPage.ts), which shows the list.
 */
import { t } from '../i18n/i18n';
import { KEEP_MS, listFiles, removeFile, type StoredFile } from '../p2p/chunkStore';
import { h } from './dom';
import { formatBytes } from './units';
import { formatDateTime } from './when';

export class StoredFiles {
  readonly element: HTMLElement;
  readonly list = h('ul', { id: 'p2p-stored-list' });
  private readonly summary = h('summary');

  /**
   * @param inUse the file playing here, which cannot be removed (none on the page of its own)
   * @param changed called after each refresh with the files just read (none when reading failed)
   */
  constructor(private readonly inUse: () => string | undefined, private readonly changed: (files: StoredFile[] | undefined) => void = () => undefined,
    private readonly panel = true) {
    if (!panel) {
      this.element = this.list;
      return;
    }
    const details = h('details', { class: 'p2p-stored', id: 'p2p-stored' }, this.summary, this.list);
    details.addEventListener('toggle', () => {
      if (details.open) void this.refresh();
    });
    this.summary.textContent = t('p2p.storedTitle');
    this.element = details;
  }

  async refresh(): Promise<void> {
    this.summary.textContent = t('p2p.storedTitle');
    let files: StoredFile[];
    try {
      files = await listFiles();
    } catch (e) {
      this.list.replaceChildren(h('li', { class: 'error' }, t('p2p.fail.storage', { detail: String(e) })));
      this.changed(undefined);
      return;
    }
    this.render(files);
    this.changed(files);
  }

  private render(files: StoredFile[]): void {
    if (files.length === 0) {
      this.list.replaceChildren(h('li', { class: 'muted' }, t('p2p.storedNone')));
      return;
    }
    const all = this.panel ? [h('li', { class: 'muted' }, h('a', { href: '/files', id: 'p2p-stored-all' }, t('p2p.storedAll')))] : [];
    this.list.replaceChildren(...files.sort((a, b) => b.touchedAt - a.touchedAt).map((f) => {
      const remove = h('button', { type: 'button', class: 'p2p-remove' }, t('p2p.remove'));
      // The file playing in this room stays: removing it would cut the video off mid-film.
      remove.disabled = f.shareId === this.inUse();
      remove.addEventListener('click', () => void removeFile(f.shareId).then(() => this.refresh()));
      const until = formatDateTime(f.touchedAt + KEEP_MS);
      return h('li', { 'data-share': f.shareId }, t('p2p.storedRow', { file: f.name, size: formatBytes(f.bytes), until }), ' ', remove);
    }), ...all);
  }
}
