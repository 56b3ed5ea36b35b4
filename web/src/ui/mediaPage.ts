import { onLanguageChange, t } from '../i18n/i18n';
import { media, type MediaItem, type MediaLimits } from '../net/cowatchApi';
import { ensureIdentity, type Cleanup, type PageContext } from './app';
import { h, i18n } from './dom';
import { describeError, notice } from './forms';
import { mediaItemView } from './mediaItem';
import { savedName, saveName } from './storage';
import { uploadQueue } from './uploadQueue';
import { UploadRow } from './uploadRow';
import { formatBytes } from './units';

/** Items being inspected or converted are read again this often until they are ready or failed. */
const POLL_MS = 2_000;

/** `/media`: upload videos (picker or drag and drop) and manage the library. */
export function mediaPage(main: HTMLElement, ctx: PageContext): Cleanup {
  if (!ctx.api.session) {
    askIdentity(main, ctx);
    return () => undefined;
  }
  let alive = true;
  const queue = uploadQueue(ctx.api);
  const items = new Map<string, MediaItem>();

  const limitsLine = h('p', { class: 'muted', id: 'media-limits' });
  const tools = h('div', { id: 'media-tools' });
  const input = h('input', { id: 'media-file', type: 'file', multiple: true, accept: 'video/*,audio/*,.mkv,.m4v,.mov,.webm,.ts', class: 'sr-only' });
  i18n(input, 'media.choose', 'aria-label');
  const choose = i18n(h('button', { type: 'button', class: 'primary' }), 'media.choose');
  choose.addEventListener('click', () => input.click());
  const drop = h('div', { class: 'dropzone', id: 'media-drop' },
    i18n(h('p'), 'media.drop'), choose, input, i18n(h('p', { class: 'muted small-text' }), 'media.resumeHint'));
  input.addEventListener('change', () => {
    if (input.files?.length) queue.add([...input.files]);
    input.value = ''; // the same file may be picked again (to resume)
  });
  // The whole page takes dropped files: a file dropped beside the zone must not make the browser
  // leave the page to show it.
  const hasFiles = (e: DragEvent) => Boolean(e.dataTransfer?.types.includes('Files'));
  const onDragOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    drop.classList.add('over');
  };
  const onDragLeave = (e: DragEvent) => {
    if (!e.relatedTarget) drop.classList.remove('over'); // left the window
  };
  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    drop.classList.remove('over');
    if (limits?.quotaBytes === 0) return; // the page already says why
    if (e.dataTransfer?.files.length) queue.add([...e.dataTransfer.files]);
  };
  window.addEventListener('dragover', onDragOver);
  window.addEventListener('dragleave', onDragLeave);
  window.addEventListener('drop', onDrop);

  const uploadList = h('ul', { class: 'uploads', id: 'uploads' });
  const rows = new Map<number, UploadRow>();
  const library = h('ul', { class: 'library', id: 'library', 'aria-live': 'polite' });
  const libraryError = h('p', { class: 'error', role: 'alert' });

  main.replaceChildren(h('div', { class: 'media-page' },
    h('section', { class: 'card' }, i18n(h('h1'), 'media.title'), i18n(h('p', { class: 'muted' }), 'media.intro'), drop, limitsLine, tools, uploadList),
    h('section', { class: 'card' }, i18n(h('h2'), 'library.title'), libraryError, library)));

  let limits: MediaLimits | undefined;
  const readLimits = () => media.limits(ctx.api).then((l) => {
    if (!alive) return;
    limits = l;
    renderLimits();
  }, () => undefined);
  function renderLimits(): void {
    if (!limits) return;
    // A quota of 0: this server takes uploads only from accounts, and the caller is a guest.
    const closed = limits.quotaBytes === 0;
    choose.disabled = closed;
    input.disabled = closed;
    limitsLine.classList.toggle('warn', closed);
    limitsLine.textContent = closed ? t('media.guestsCannotUpload') : t('media.limits', {
      max: formatBytes(limits.maxFileBytes), left: formatBytes(Math.max(0, limits.quotaBytes - limits.usedBytes)), quota: formatBytes(limits.quotaBytes),
    });
    const lines: HTMLElement[] = [];
    if (limits.tools && !limits.tools.probing) lines.push(i18n(h('p', { class: 'warn' }), 'media.noProbing'));
    if (limits.tools && !limits.tools.converting) lines.push(i18n(h('p', { class: 'warn' }), 'media.noConverting'));
    if (lines.length && limits.tools?.message) lines.push(h('p', { class: 'muted small-text' }, limits.tools.message));
    tools.replaceChildren(...lines);
  }

  function renderUploads(): void {
    const seen = new Set<number>();
    for (const entry of queue.all) {
      seen.add(entry.key);
      let row = rows.get(entry.key);
      if (!row) {
        row = new UploadRow(entry, (key) => queue.dismiss(key));
        rows.set(entry.key, row);
      }
      row.render();
      if (row.element.parentElement !== uploadList) uploadList.append(row.element);
    }
    for (const [key, row] of rows) {
      if (!seen.has(key)) {
        row.element.remove();
        rows.delete(key);
      }
    }
  }

  const views = new Map<string, { item: MediaItem; element: HTMLLIElement }>();
  const actions = {
    changed(id: string, updated: MediaItem | undefined) {
      if (updated) items.set(id, updated);
      else {
        items.delete(id);
        queue.store.forget(id);
        void readLimits();
      }
      renderLibrary();
    },
  };
  /** Redraws only the items that changed, so a title being renamed elsewhere in the list keeps its editor and focus. */
  function renderLibrary(): void {
    const active = queue.activeMediaIds();
    const shown = [...items.values()].filter((i) => !active.has(i.id)).sort((a, b) => b.createdAt - a.createdAt);
    const elements = shown.map((item) => {
      const view = views.get(item.id);
      if (view && view.item === item) return view.element;
      const element = mediaItemView(item, ctx, actions);
      view?.element.replaceWith(element);
      views.set(item.id, { item, element });
      return element;
    });
    for (const id of views.keys()) if (!shown.some((i) => i.id === id)) views.delete(id);
    const current = [...library.children];
    if (elements.length === 0) library.replaceChildren(h('li', {}, notice('library.empty')));
    else if (current.length !== elements.length || current.some((c, i) => c !== elements[i])) library.replaceChildren(...elements);
  }

  const loadLibrary = () => media.list(ctx.api).then((list) => {
    if (!alive) return;
    items.clear();
    for (const item of list) items.set(item.id, item);
    libraryError.textContent = '';
    renderLibrary();
  }, (e: unknown) => alive && (libraryError.textContent = describeError(e)));

  // An upload that finishes is an item being processed now: show it, and learn the space left.
  const finished = new Set<string>();
  let activeKey = '';
  const offQueue = queue.onChange(() => {
    if (!alive) return;
    renderUploads();
    const active = [...queue.activeMediaIds()].sort().join();
    let libraryChanged = active !== activeKey; // an upload row came or went: its item hides or shows
    activeKey = active;
    for (const entry of queue.all) {
      const id = entry.upload.mediaId;
      const phase = entry.upload.state.phase;
      if (id && (phase === 'done' || phase === 'cancelled') && !finished.has(id)) {
        finished.add(id);
        libraryChanged = true;
        const cached = items.get(id);
        if (phase === 'done') {
          // Until the server's copy arrives, show what is known: every byte is there, processing starts.
          if (cached) items.set(id, { ...cached, status: 'processing', receivedBytes: cached.sizeBytes, progress: null });
          refreshItem(id);
        } else {
          items.delete(id);
        }
        void readLimits();
      }
    }
    if (libraryChanged) renderLibrary();
  });

  function refreshItem(id: string): void {
    media.get(ctx.api, id).then((item) => {
      if (!alive) return;
      const before = items.get(id);
      if (before && sameView(before, item)) return;
      items.set(id, item);
      renderLibrary();
    }, () => undefined);
  }

  // An upload finished here may still read as uploading for a moment before the server moves it on.
  const poll = setInterval(() => {
    for (const item of items.values()) {
      if (item.status === 'processing' || (item.status === 'uploading' && finished.has(item.id))) refreshItem(item.id);
    }
  }, POLL_MS);

  // Texts built with t() (numbers, statuses) are redrawn in the new language; the rest follows data-i18n.
  const offLanguage = onLanguageChange(() => {
    renderLimits();
    renderUploads();
    views.clear();
    renderLibrary();
  });

  renderUploads();
  void readLimits();
  void loadLibrary();
  return () => {
    alive = false;
    offLanguage();
    clearInterval(poll);
    offQueue();
    window.removeEventListener('dragover', onDragOver);
    window.removeEventListener('dragleave', onDragLeave);
    window.removeEventListener('drop', onDrop);
  };
}

/**
 * Whether a fresh copy shows the same; the poster's signed URL differs on every read and is not
 * compared, or the image would load again every two seconds.
 */
function sameView(a: MediaItem, b: MediaItem): boolean {
  const shape = (i: MediaItem) => JSON.stringify({ ...i, posterUrl: Boolean(i.posterUrl), updatedAt: 0 });
  return shape(a) === shape(b);
}

/** Uploading needs an identity: sign in, or become a guest by a name. */
function askIdentity(main: HTMLElement, ctx: PageContext): void {
  const name = h('input', { id: 'media-guest-name', maxlength: 40, required: true, autocomplete: 'nickname', value: savedName() });
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = i18n(h('button', { type: 'submit', class: 'primary' }), 'media.asGuest');
  const form = h('form', { class: 'card narrow', id: 'media-guest' },
    i18n(h('h1'), 'media.title'), i18n(h('p', { class: 'muted' }), 'media.signIn'),
    i18n(h('label', { for: 'media-guest-name' }), 'room.name.title'), name, error, submit,
    h('p', { class: 'muted' }, i18n(h('a', { href: '/signin?next=/media' }), 'nav.signIn'), ' · ', i18n(h('a', { href: '/signup?next=/media' }), 'nav.signUp')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = name.value.trim();
    if (value.length < 1 || value.length > 40) {
      error.textContent = t('room.name.invalid');
      return;
    }
    saveName(value);
    submit.disabled = true;
    ensureIdentity(ctx.api, value).then(() => ctx.navigate('/media', { replace: true }), (err: unknown) => {
      error.textContent = describeError(err);
      submit.disabled = false;
    });
  });
  main.replaceChildren(form);
}
