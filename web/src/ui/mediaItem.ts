import { t } from '../i18n/i18n';
import { media, rooms, type MediaItem } from '../net/cowatchApi';
import type { PageContext } from './app';
import { formatTime, h, i18n } from './dom';
import { describeError } from './forms';
import { mediaSharesView } from './mediaShares';
import { formatBytes, formatPercent } from './units';

/** Room names are at most this long (core RoomSettings.MAX_NAME_LENGTH); titles may be longer. */
const MAX_ROOM_NAME = 80;

export interface ItemActions {
  /** The item changed (renamed) or is gone (deleted: undefined). */
  changed(id: string, item: MediaItem | undefined): void;
}

/** One library item: poster, title (renamed in place), facts, status, warnings, and what can be done with it. */
export function mediaItemView(item: MediaItem, ctx: PageContext, actions: ItemActions): HTMLLIElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const title = h('h3', { class: 'media-title' }, item.title);
  const rename = i18n(h('button', { type: 'button', class: 'link media-rename' }), 'library.rename');
  const titleRow = h('div', { class: 'media-title-row' }, title, rename);
  const renameForm = renameEditor(item, ctx, actions, error, () => {
    renameForm.replaceWith(titleRow);
    rename.focus();
  });
  rename.addEventListener('click', () => {
    titleRow.replaceWith(renameForm);
    renameForm.querySelector('input')?.focus();
  });

  const watch = i18n(h('button', { type: 'button', class: 'primary small media-watch', disabled: item.status !== 'ready' }), 'library.watch');
  watch.addEventListener('click', () => {
    watch.disabled = true;
    const name = [...item.title].slice(0, MAX_ROOM_NAME).join('').trim() || t('library.roomName');
    rooms.create(ctx.api, { name, mediaId: item.mediaId }).then((room) => ctx.navigate(`/r/${encodeURIComponent(room.id)}`), (e: unknown) => {
      error.textContent = describeError(e);
      watch.disabled = false;
    });
  });
  const remove = i18n(h('button', { type: 'button', class: 'small danger media-delete' }), 'library.delete');
  remove.addEventListener('click', () => {
    if (!confirm(t('library.deleteConfirm', { title: item.title }))) return;
    remove.disabled = true;
    media.remove(ctx.api, item.id).then(() => actions.changed(item.id, undefined), (e: unknown) => {
      error.textContent = describeError(e);
      remove.disabled = false;
    });
  });

  return h('li', { class: 'media-item', 'data-media': item.id, 'data-status': item.status },
    poster(item),
    h('div', { class: 'media-body' },
      titleRow,
      h('p', { class: 'media-facts muted' }, facts(item).join(' · ')),
      statusLine(item),
      item.status === 'processing' && typeof item.progress === 'number' && item.progress > 0
        ? i18n(h('progress', { class: 'bar', max: 100, value: Math.floor(item.progress * 100) }), 'library.processing', 'aria-label')
        : null,
      (item.warnings ?? []).length
        ? h('ul', { class: 'media-warnings' }, ...(item.warnings ?? []).map((w) => h('li', { class: 'warn' }, w)))
        : null,
      error,
      h('div', { class: 'row wrap' }, watch, remove),
      mediaSharesView(item, ctx)));
}

function poster(item: MediaItem): HTMLElement {
  if (item.posterUrl) {
    // Decorative: the title beside it says what it is.
    return h('div', { class: 'poster' }, h('img', { src: item.posterUrl, alt: '', loading: 'lazy', decoding: 'async' }));
  }
  return h('div', { class: 'poster empty', 'aria-hidden': 'true' }, '\u25B6');
}

function facts(item: MediaItem): string[] {
  const out: string[] = [];
  if (typeof item.durationMs === 'number') out.push(formatTime(item.durationMs));
  out.push(formatBytes(item.sizeBytes));
  if (item.width && item.height) out.push(`${item.width}\u00d7${item.height}`);
  const codecs = [item.videoCodec, item.audioCodec].filter((c): c is string => Boolean(c));
  if (codecs.length) out.push(codecs.join(' / '));
  return out;
}

function statusLine(item: MediaItem): HTMLElement {
  const line = h('p', { class: `media-status status-${item.status}` });
  switch (item.status) {
    case 'uploading': {
      const received = item.receivedBytes ?? 0;
      const percent = item.sizeBytes > 0 ? (received / item.sizeBytes) * 100 : 0;
      line.textContent = t('library.uploadIncomplete', { percent: formatPercent(percent) });
      break;
    }
    case 'processing':
      // 0 until a conversion reports how far it is (inspection and the poster take seconds).
      line.textContent = typeof item.progress === 'number' && item.progress > 0
        ? t('library.processingProgress', { percent: formatPercent(item.progress * 100) })
        : t('library.processing');
      break;
    case 'ready':
      line.textContent = t('library.ready');
      break;
    case 'failed':
      line.textContent = item.failureMessage ? t('library.failedBecause', { message: item.failureMessage }) : t('library.failed');
      break;
  }
  return line;
}

function renameEditor(item: MediaItem, ctx: PageContext, actions: ItemActions, error: HTMLElement, close: () => void): HTMLFormElement {
  const id = `rename-${item.id}`;
  const input = h('input', { id, name: 'title', value: item.title, maxlength: 200, required: true, autocomplete: 'off' });
  const save = i18n(h('button', { type: 'submit', class: 'small primary' }), 'library.save');
  const cancel = i18n(h('button', { type: 'button', class: 'small' }), 'library.cancel');
  const form = h('form', { class: 'media-rename-form' }, i18n(h('label', { for: id, class: 'sr-only' }), 'library.titleLabel'), input, save, cancel);
  cancel.addEventListener('click', () => {
    input.value = item.title;
    close();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') cancel.click();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = input.value.trim();
    if (!value) {
      error.textContent = t('form.required');
      return;
    }
    if (value === item.title) {
      close();
      return;
    }
    save.disabled = true;
    media.rename(ctx.api, item.id, value).then((updated) => actions.changed(item.id, updated), (err: unknown) => {
      error.textContent = describeError(err);
      save.disabled = false;
    });
  });
  return form;
}
