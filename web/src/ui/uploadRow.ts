import { t } from '../i18n/i18n';
import type { UploadFailure, UploadSnapshot } from '../net/upload/upload';
import { h, i18n } from './dom';
import type { QueuedUpload } from './uploadQueue';
import { formatBytes, formatDuration, formatPercent, formatRate } from './units';

/**
 * One upload in the list: name, a progress bar, what is happening (percent, speed, time left,
 * retries) and its buttons. Built once and updated in place, so a button keeps its focus while
 * the numbers move.
 */
export class UploadRow {
  readonly element: HTMLLIElement;
  private readonly bar: HTMLProgressElement;
  private readonly line: HTMLElement;
  private readonly error: HTMLElement;
  private readonly pause: HTMLButtonElement;
  private readonly cancel: HTMLButtonElement;
  private readonly retry: HTMLButtonElement;
  private readonly dismiss: HTMLButtonElement;

  constructor(private readonly entry: QueuedUpload, onDismiss: (key: number) => void) {
    const { upload } = entry;
    this.bar = h('progress', { class: 'bar', max: 100, value: 0 });
    i18n(this.bar, 'upload.progressLabel', 'aria-label');
    this.line = h('p', { class: 'upload-line', 'aria-live': 'polite' });
    this.error = h('p', { class: 'error', role: 'alert' });
    this.pause = h('button', { type: 'button', class: 'small upload-pause' });
    this.cancel = i18n(h('button', { type: 'button', class: 'small danger upload-cancel' }), 'upload.cancel');
    this.retry = i18n(h('button', { type: 'button', class: 'small upload-retry' }), 'upload.retry');
    this.dismiss = i18n(h('button', { type: 'button', class: 'small upload-dismiss' }), 'upload.dismiss');
    this.pause.addEventListener('click', () => (upload.state.phase === 'paused' ? upload.resume() : upload.pause()));
    this.cancel.addEventListener('click', () => void upload.cancel());
    this.retry.addEventListener('click', () => upload.resume());
    this.dismiss.addEventListener('click', () => onDismiss(entry.key));
    this.element = h('li', { class: 'upload', 'data-upload': entry.key },
      h('div', { class: 'upload-head' }, h('span', { class: 'upload-name' }, upload.file.name), h('span', { class: 'muted' }, formatBytes(upload.file.size))),
      this.bar, this.line, this.error,
      h('div', { class: 'row wrap' }, this.pause, this.retry, this.cancel, this.dismiss));
    this.render();
  }

  render(): void {
    const s = this.entry.upload.state;
    const phase = this.entry.waiting ? 'waiting' : s.phase;
    this.element.dataset['phase'] = phase;
    const shown = s.phase === 'hashing' && s.hashing ? s.hashing : s.progress;
    this.bar.value = phase === 'checking' || phase === 'waiting' ? 0 : Math.floor(shown.percent);
    this.bar.classList.toggle('hashing', s.phase === 'hashing');
    this.line.textContent = lineFor(phase, s, this.entry.upload.file.size);
    this.error.textContent = s.phase === 'failed' && s.failure ? failureText(s.failure, this.entry.upload.file.size) : '';
    this.pause.textContent = t(s.phase === 'paused' ? 'upload.resume' : 'upload.pause');
    this.pause.hidden = !(phase === 'uploading' || phase === 'retrying' || phase === 'paused');
    this.retry.hidden = !(s.phase === 'failed' && s.failure?.retryable);
    this.cancel.hidden = phase === 'done' || phase === 'cancelled' || (s.phase === 'failed' && !s.mediaId);
    this.dismiss.hidden = !(phase === 'done' || phase === 'cancelled' || phase === 'failed');
  }
}

function lineFor(phase: UploadSnapshot['phase'] | 'waiting', s: UploadSnapshot, size: number): string {
  switch (phase) {
    case 'waiting': return t('upload.waiting');
    case 'checking': return t('upload.checking');
    case 'hashing': return t('upload.hashing', { percent: formatPercent(s.hashing?.percent ?? 0) });
    case 'paused': return t('upload.paused', { percent: formatPercent(s.progress.percent) });
    case 'retrying': return t('upload.retrying', { seconds: Math.ceil((s.retryInMs ?? 0) / 1000), attempt: s.attempt ?? 1 });
    case 'done': return t('upload.done', { percent: formatPercent(100) });
    case 'cancelled': return t('upload.cancelled');
    case 'failed': return s.mediaId && s.progress.bytes > 0 ? t('upload.stoppedAt', { percent: formatPercent(s.progress.percent) }) : '';
    case 'uploading': {
      const p = s.progress;
      const parts = [formatPercent(p.percent), t('upload.of', { done: formatBytes(p.bytes), total: formatBytes(size) })];
      if (p.bytesPerSecond !== undefined) parts.push(formatRate(p.bytesPerSecond));
      if (p.secondsLeft !== undefined && p.secondsLeft > 0) parts.push(t('upload.left', { time: formatDuration(p.secondsLeft) }));
      if (s.resumedFrom) parts.push(t('upload.resumedAt', { size: formatBytes(s.resumedFrom) }));
      return parts.join(' · ');
    }
  }
}

export function failureText(f: UploadFailure, size: number): string {
  switch (f.kind) {
    case 'too-large': return f.bytes !== undefined
      ? t('upload.tooLarge', { size: formatBytes(size), max: formatBytes(f.bytes) })
      : t('upload.tooLargeServer', { message: f.message ?? '' });
    case 'quota': return f.bytes !== undefined
      ? t('upload.quota', { size: formatBytes(size), left: formatBytes(f.bytes) })
      : t('upload.quotaServer', { message: f.message ?? '' });
    case 'checksum': return t('upload.checksum');
    case 'gone': return t('upload.gone');
    case 'network': return t('upload.network');
    case 'signed-out': return t('problem.signedOut');
    case 'refused': return t('upload.refused', { message: f.message ?? '' });
  }
}
