/**
 * `/files`: the files this browser keeps of what others shared straight from their computers
 * (p2p/chunkStore.ts): each with its size and until when it is kept, the total, and how much this
 * browser lets the site store; remove one, or all. Works without signing in: the files belong to
 * this browser, not to an account.
 */
import { t } from '../i18n/i18n';
import { listFiles, removeFile, type StoredFile } from '../p2p/chunkStore';
import type { Cleanup } from './app';
import { h, i18n } from './dom';
import { StoredFiles } from './storedFiles';
import { formatBytes } from './units';

export function storedFilesPage(main: HTMLElement): Cleanup {
  const files = new StoredFiles(() => undefined, (all) => void summarize(all), false);
  const total = h('p', { id: 'stored-total', role: 'status' });
  const removeAll = i18n(h('button', { type: 'button', id: 'stored-remove-all', class: 'danger' }), 'p2p.removeAll');
  removeAll.addEventListener('click', () => {
    if (!confirm(t('p2p.removeAllConfirm'))) return;
    removeAll.disabled = true;
    void listFiles()
      .then((all) => Promise.all(all.map((f) => removeFile(f.shareId))))
      .then(() => files.refresh(), (e: unknown) => (total.textContent = t('p2p.fail.storage', { detail: String(e) })))
      .finally(() => (removeAll.disabled = false));
  });
  main.replaceChildren(h('section', { class: 'card stored-files-page' }, i18n(h('h1'), 'p2p.storedTitle'),
    i18n(h('p', { class: 'muted' }), 'p2p.storedIntro'), total, files.element, h('p', {}, removeAll)));

  /** The total of the files the list just read, and the browser's free storage. */
  async function summarize(all: StoredFile[] | undefined): Promise<void> {
    if (!all) {
      // The list says why the files could not be read; no total to give.
      total.textContent = '';
      removeAll.hidden = true;
      return;
    }
    try {
      const bytes = all.reduce((sum, f) => sum + f.bytes, 0);
      const estimate = await navigator.storage?.estimate?.();
      const quota = estimate?.quota;
      total.textContent = quota
        ? t('p2p.storedTotalQuota', { count: all.length, size: formatBytes(bytes), free: formatBytes(Math.max(0, quota - (estimate?.usage ?? 0))) })
        : t('p2p.storedTotal', { count: all.length, size: formatBytes(bytes) });
      removeAll.hidden = all.length === 0;
    } catch (e) {
      total.textContent = t('p2p.fail.storage', { detail: String(e) });
    }
  }
  void files.refresh();
  return () => undefined;
}
