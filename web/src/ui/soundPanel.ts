/**
 * The viewer's sound delay: how much later they hear the film than they see it (Bluetooth headphones,
 * a sound bar). Set by hand, or measured in a 12-second sound check (clicks heard by the microphone, or
 * tapped along to); kept on this device; the sync engine then keeps the sound, not the picture, on the
 * room's timeline (engine/soundDelay.ts).
 */
import { t } from '../i18n/i18n';
import { SOUND_DELAY_MAX_MS, SOUND_DELAY_MIN_MS, boundedSoundDelay } from '../engine/soundDelay';
import type { CalibrationResult } from '../sound/calibration';
import { measureByMicrophone, measureByTapping, reportedOutputLatencyMs } from '../sound/soundCheck';
import { h, i18n } from './dom';
import { saveSoundDelay, savedSoundDelay } from './storage';

export class SoundPanel {
  readonly element: HTMLElement;
  private readonly slider: HTMLInputElement;
  private readonly value: HTMLOutputElement;
  private readonly status: HTMLElement;
  private readonly hint: HTMLElement;
  private readonly tapButton: HTMLButtonElement;
  private readonly checks: HTMLButtonElement[];
  private taps: number[] = [];
  private delayMs: number;

  /** `apply` takes each new delay (the sync engine's, and the room's report of it). */
  constructor(private readonly apply: (delayMs: number) => void) {
    this.delayMs = savedSoundDelay();
    this.slider = h('input', {
      type: 'range', id: 'sound-delay', min: SOUND_DELAY_MIN_MS, max: SOUND_DELAY_MAX_MS, step: 5, value: this.delayMs,
    });
    this.slider.addEventListener('input', () => this.set(Number(this.slider.value)));
    this.value = h('output', { id: 'sound-delay-value', for: 'sound-delay' });
    const reset = i18n(h('button', { type: 'button', class: 'link', id: 'sound-delay-reset' }), 'sound.reset');
    reset.addEventListener('click', () => this.set(0));
    const byMic = i18n(h('button', { type: 'button', id: 'sound-check-mic' }), 'sound.checkMic');
    byMic.addEventListener('click', () => void this.check(() => measureByMicrophone()));
    const byTaps = i18n(h('button', { type: 'button', id: 'sound-check-taps' }), 'sound.checkTaps');
    byTaps.addEventListener('click', () => void this.check(() => this.tapAlong()));
    this.checks = [byMic, byTaps];
    this.tapButton = i18n(h('button', { type: 'button', class: 'primary big', id: 'sound-tap', hidden: true }), 'sound.tap');
    this.tapButton.addEventListener('pointerdown', (e) => this.taps.push(e.timeStamp));
    this.tapButton.addEventListener('keydown', (e) => {
      if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) {
        e.preventDefault();
        this.taps.push(e.timeStamp);
      }
    });
    this.status = h('p', { class: 'muted', id: 'sound-status', 'aria-live': 'polite' });
    this.hint = h('p', { class: 'muted', id: 'sound-hint', hidden: true });
    const details = h('details', { class: 'card sound', id: 'sound' },
      i18n(h('summary'), 'sound.title'),
      i18n(h('p', { class: 'muted' }), 'sound.explain'),
      h('div', { class: 'sound-row' }, i18n(h('label', { for: 'sound-delay' }), 'sound.delay'), this.slider, this.value, reset),
      h('div', { class: 'sound-row' }, byMic, byTaps),
      this.tapButton, this.status, this.hint);
    details.addEventListener('toggle', () => {
      if (details.open) void this.showReportedLatency();
    });
    this.element = details;
    this.render();
    if (this.delayMs !== 0) apply(this.delayMs);
  }

  get soundDelayMs(): number {
    return this.delayMs;
  }

  render(): void {
    this.value.textContent = t('sound.ms', { ms: this.delayMs });
    this.slider.value = String(this.delayMs);
    this.slider.setAttribute('aria-valuetext', t('sound.ms', { ms: this.delayMs }));
  }

  private set(ms: number): void {
    this.delayMs = boundedSoundDelay(ms);
    saveSoundDelay(this.delayMs);
    this.apply(this.delayMs);
    this.render();
  }

  private async check(measure: () => Promise<CalibrationResult>): Promise<void> {
    this.checks.forEach((b) => (b.disabled = true));
    this.status.textContent = t('sound.listening');
    try {
      const result = await measure();
      // For support and the suite: a refusal is judged by the clicks' differences, which the page does not show.
      console.info(`cowatch sound check: ${JSON.stringify({ ...result, differencesMs: result.differencesMs.map((d) => Math.round(d * 10) / 10) })}`);
      if (result.ok) {
        this.set(result.delayMs);
        this.status.textContent = t('sound.measured', { ms: result.delayMs, spread: Math.round(result.spreadMs), clicks: result.clicks });
      } else {
        this.status.textContent = t(result.reason === 'too-few' ? 'sound.tooFew' : 'sound.scattered', { clicks: result.clicks });
      }
    } catch (e) {
      this.status.textContent = t('sound.failed', { detail: e instanceof Error ? e.message : String(e) });
    } finally {
      this.tapButton.hidden = true;
      this.checks.forEach((b) => (b.disabled = false));
    }
  }

  private async tapAlong(): Promise<CalibrationResult> {
    this.taps = [];
    this.tapButton.hidden = false;
    this.tapButton.focus();
    this.status.textContent = t('sound.tapAlong');
    return measureByTapping(() => this.taps);
  }

  private async showReportedLatency(): Promise<void> {
    const ms = await reportedOutputLatencyMs().catch(() => undefined);
    this.hint.hidden = ms === undefined;
    if (ms !== undefined) this.hint.textContent = t('sound.reported', { ms });
  }
}
