import { t } from '../i18n/i18n';
import type { LibraryEntry } from '../net/socialApi';
import { h, i18n } from './dom';
import { formatDuration } from './duration';
import { checkEpisodes, type EpisodeBody, type EpisodeRow } from './episodeDraft';

/** The plan form's episode list: rows of an upload or a URL with its runtime, in order. */
export class EpisodeEditor {
  readonly element: HTMLElement;
  private readonly list = h('ol', { class: 'episodes', id: 'episodes' });
  private readonly rows: EpisodeRowEditor[] = [];
  private serial = 0;

  /** @param library the viewer's ready uploads, offered as episodes */
  constructor(private readonly library: LibraryEntry[]) {
    const add = i18n(h('button', { type: 'button', id: 'add-episode', class: 'small' }), 'plan.episodes.add');
    add.addEventListener('click', () => this.add().focus());
    this.element = h('fieldset', { class: 'episodes-field' }, i18n(h('legend'), 'plan.episodes.title'),
      i18n(h('p', { class: 'hint' }), 'plan.episodes.hint'), this.list, add);
    this.add();
  }

  /** Appends an empty row and returns it. */
  add(): EpisodeRowEditor {
    const row = new EpisodeRowEditor(++this.serial, this.library, (r, move) => this.move(r, move));
    this.rows.push(row);
    this.redraw();
    return row;
  }

  /** The episodes to send, or undefined after marking the first row at fault. */
  read(): EpisodeBody[] | undefined {
    this.rows.forEach((r) => r.clearError());
    const check = checkEpisodes(this.rows.map((r) => r.value()));
    if (check.ok) return check.episodes;
    const row = this.rows[check.index];
    if (row) row.showError(check.field, t(check.error));
    return undefined;
  }

  private move(row: EpisodeRowEditor, move: 'up' | 'down' | 'remove'): void {
    const i = this.rows.indexOf(row);
    if (move === 'remove') this.rows.splice(i, 1);
    else {
      const j = move === 'up' ? i - 1 : i + 1;
      if (j < 0 || j >= this.rows.length) return;
      [this.rows[i], this.rows[j]] = [this.rows[j]!, this.rows[i]!];
    }
    if (this.rows.length === 0) this.add();
    this.redraw();
  }

  private redraw(): void {
    this.list.replaceChildren(...this.rows.map((r, i) => r.render(i, this.rows.length)));
  }
}

class EpisodeRowEditor {
  private readonly element: HTMLLIElement;
  private readonly source: HTMLSelectElement;
  private readonly url: HTMLInputElement;
  private readonly duration: HTMLInputElement;
  private readonly item: HTMLSelectElement;
  private readonly title: HTMLInputElement;
  private readonly error = h('p', { class: 'field-error', 'aria-live': 'polite' });
  private readonly heading = h('span', { class: 'episode-number' });
  private readonly up: HTMLButtonElement;
  private readonly down: HTMLButtonElement;

  constructor(n: number, private readonly library: LibraryEntry[],
    move: (row: EpisodeRowEditor, how: 'up' | 'down' | 'remove') => void) {
    const id = (part: string) => `episode-${n}-${part}`;
    this.source = h('select', { id: id('source'), class: 'episode-source' },
      i18n(h('option', { value: 'url' }), 'plan.episodes.fromUrl'),
      i18n(h('option', { value: 'upload', disabled: library.length === 0 }), 'plan.episodes.fromUpload'));
    this.url = h('input', { id: id('url'), class: 'episode-url', type: 'url', maxlength: 2048, placeholder: 'https://…/episode.mp4', autocomplete: 'off' });
    this.duration = h('input', { id: id('duration'), class: 'episode-duration', inputmode: 'numeric', maxlength: 12, placeholder: 'h:mm:ss', autocomplete: 'off' });
    this.item = h('select', { id: id('item'), class: 'episode-item' }, ...library.map((m) =>
      h('option', { value: m.mediaId }, m.durationMs ? `${m.title} (${formatDuration(m.durationMs)})` : m.title)));
    this.title = h('input', { id: id('title'), class: 'episode-title', maxlength: 200, autocomplete: 'off' });
    const urlField = h('div', { class: 'field grow' }, i18n(h('label', { for: id('url') }), 'plan.episodes.url'), this.url);
    const durationField = h('div', { class: 'field' }, i18n(h('label', { for: id('duration') }), 'plan.episodes.duration'), this.duration);
    const itemField = h('div', { class: 'field grow', hidden: true }, i18n(h('label', { for: id('item') }), 'plan.episodes.item'), this.item);
    const titleField = h('div', { class: 'field grow' }, i18n(h('label', { for: id('title') }), 'plan.episodes.episodeTitle'), this.title);
    this.source.addEventListener('change', () => {
      const upload = this.source.value === 'upload';
      urlField.hidden = upload;
      durationField.hidden = upload;
      itemField.hidden = !upload;
    });
    this.up = h('button', { type: 'button', class: 'small', 'aria-label': t('plan.episodes.up') }, '↑');
    this.down = h('button', { type: 'button', class: 'small', 'aria-label': t('plan.episodes.down') }, '↓');
    const remove = i18n(h('button', { type: 'button', class: 'small episode-remove' }), 'plan.episodes.remove');
    this.up.addEventListener('click', () => move(this, 'up'));
    this.down.addEventListener('click', () => move(this, 'down'));
    remove.addEventListener('click', () => move(this, 'remove'));
    this.element = h('li', { class: 'episode' },
      h('div', { class: 'row wrap episode-head' }, this.heading,
        h('label', { class: 'sr-only', for: id('source') }, t('plan.episodes.source')), this.source,
        h('span', { class: 'episode-tools' }, this.up, this.down, remove)),
      h('div', { class: 'row wrap' }, urlField, durationField, itemField, titleField),
      this.error);
  }

  render(index: number, count: number): HTMLLIElement {
    this.heading.textContent = t('plan.episodes.number', { n: index + 1 });
    this.up.disabled = index === 0;
    this.down.disabled = index === count - 1;
    return this.element;
  }

  focus(): void {
    (this.source.value === 'upload' ? this.item : this.url).focus();
  }

  value(): EpisodeRow {
    if (this.source.value === 'upload') {
      const chosen = this.library.find((m) => m.mediaId === this.item.value);
      // Untitled, the episode goes by the upload's title rather than the server's "Episode n".
      return { source: 'upload', mediaId: chosen?.mediaId ?? '', title: this.title.value.trim() || (chosen?.title ?? ''), durationMs: chosen?.durationMs };
    }
    return { source: 'url', url: this.url.value, duration: this.duration.value, title: this.title.value };
  }

  clearError(): void {
    this.error.textContent = '';
    for (const input of [this.url, this.duration, this.item]) input.removeAttribute('aria-invalid');
  }

  showError(field: 'url' | 'duration' | 'item', message: string): void {
    this.error.textContent = message;
    const input = field === 'url' ? this.url : field === 'duration' ? this.duration : this.item;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
}
