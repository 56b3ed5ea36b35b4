import { t } from '../i18n/i18n';
import type { Api } from '../net/api';
import { media, type MediaItem } from '../net/cowatchApi';
import type { RoomClient } from '../net/roomClient';
import { UPLOADED_PREFIX } from '../player/source';
import type { QueueItemView } from '../protocol';
import { h, i18n } from './dom';

/** What an entry is called: its title, else the last part of its URL, else "an uploaded video". */
export function queueLabel(item: QueueItemView): string {
  if (item.title) return item.title;
  if (item.mediaId.startsWith(UPLOADED_PREFIX)) return t('picker.uploaded');
  try {
    const path = new URL(item.mediaId).pathname;
    const last = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
    return last || item.mediaId;
  } catch {
    return item.mediaId;
  }
}

/**
 * The room's shared queue: what plays next, in order, for everyone. Those the permission table lets
 * edit it add (a URL or one of their uploads), reorder, remove and play the next one now; when a
 * video ends the room moves on by itself.
 */
export class QueuePanel {
  readonly element: HTMLElement;
  private readonly list = h('ol', { class: 'queue-items', id: 'queue-items' });
  private readonly empty = i18n(h('p', { class: 'muted', id: 'queue-empty' }), 'queue.empty');
  private readonly url = h('input', { id: 'queue-url', type: 'url', maxlength: 2048, placeholder: 'https://…', autocomplete: 'off' });
  private readonly uploads = h('select', { id: 'queue-upload', class: 'media-library' });
  private readonly next = i18n(h('button', { type: 'button', id: 'queue-next' }), 'queue.playNext');
  private readonly form: HTMLFormElement;
  private mine: MediaItem[] = [];

  constructor(private readonly client: RoomClient, private readonly api: Api, private readonly canEdit: () => boolean) {
    i18n(this.url, 'queue.urlPlaceholder', 'placeholder');
    // A placeholder disappears once typed in: both fields also carry a name of their own.
    i18n(this.url, 'queue.urlPlaceholder', 'aria-label');
    i18n(this.uploads, 'queue.uploadLabel', 'aria-label');
    this.form = h('form', { class: 'queue-form', id: 'queue-form' }, this.url, this.uploads,
      i18n(h('button', { type: 'submit' }), 'queue.add'));
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      const picked = this.mine.find((i) => i.mediaId === this.uploads.value);
      const url = this.url.value.trim();
      if (url && client.queueAdd(url)) this.url.value = '';
      else if (picked && client.queueAdd(picked.mediaId, picked.title)) this.uploads.value = '';
    });
    this.next.addEventListener('click', () => client.playNext());
    this.uploads.addEventListener('focus', () => this.loadUploads());
    this.element = h('div', { class: 'card queue', id: 'queue' }, i18n(h('h2'), 'queue.title'), this.empty, this.list,
      this.next, this.form);
    client.on('queue', () => this.render());
    this.loadUploads();
    this.render();
  }

  render(): void {
    const items = this.client.queue;
    const editable = this.canEdit();
    this.empty.hidden = items.length > 0;
    this.next.hidden = !editable || items.length === 0;
    this.form.hidden = !editable;
    this.list.replaceChildren(...items.map((item, i) => {
      const buttons = editable ? [
        this.button('↑', 'queue.up', i === 0, () => this.client.queueMove(item.id, i - 1)),
        this.button('↓', 'queue.down', i === items.length - 1, () => this.client.queueMove(item.id, i + 1)),
        this.button('×', 'queue.remove', false, () => this.client.queueRemove(item.id)),
      ] : [];
      return h('li', { class: 'queue-item', 'data-id': item.id }, h('span', { class: 'queue-title' }, queueLabel(item)), ...buttons);
    }));
  }

  private button(text: string, label: 'queue.up' | 'queue.down' | 'queue.remove', disabled: boolean, act: () => void): HTMLElement {
    const b = h('button', { type: 'button', class: 'link', title: t(label), 'aria-label': t(label) }, text);
    if (disabled) b.setAttribute('disabled', '');
    b.addEventListener('click', act);
    return b;
  }

  private loadUploads(): void {
    if (!this.api.session) {
      this.uploads.hidden = true;
      return;
    }
    media.list(this.api).then((items) => {
      this.mine = items.filter((i) => i.status === 'ready');
      this.uploads.replaceChildren(h('option', { value: '' }, t('queue.orUpload')),
        ...this.mine.map((i) => h('option', { value: i.mediaId }, i.title)));
      this.uploads.hidden = this.mine.length === 0;
    }, () => undefined);
  }
}
