import { t } from '../i18n/i18n';
import { h, i18n } from './dom';
import { formatDateTime } from './when';
import { browserZone, epochToZoned, supportedZones, zonedToEpoch, zoneOptions } from './zonedTime';

export interface PickedStart {
  /** The local date-time as typed, for the server (`2026-12-01T20:00`). */
  startsAt: string;
  timeZone: string;
  /** The instant it names. */
  at: number;
}

/**
 * A date and time with its time zone: the browser's zone preselected, any IANA zone choosable.
 * Below it, what the choice means in the viewer's own time when the zones differ.
 */
export class StartPicker {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  readonly zone: HTMLSelectElement;
  private readonly hint = h('p', { class: 'hint', 'aria-live': 'polite' });
  private readonly error = h('p', { class: 'field-error', 'aria-live': 'polite' });
  private readonly mine = browserZone();

  constructor(id: string, at: number, zone = browserZone()) {
    this.input = h('input', { id: `${id}-start`, type: 'datetime-local', required: true, value: epochToZoned(at, zone) });
    this.zone = h('select', { id: `${id}-zone` }, ...zoneOptions(supportedZones(), zone).map((z) => h('option', { value: z }, z.replace(/_/g, ' '))));
    this.zone.value = zone;
    this.element = h('div', { class: 'start-picker' },
      h('div', { class: 'row wrap' },
        h('div', { class: 'field' }, i18n(h('label', { for: this.input.id }), 'plan.start'), this.input),
        h('div', { class: 'field grow' }, i18n(h('label', { for: this.zone.id }), 'plan.zone'), this.zone)),
      this.hint, this.error);
    this.input.addEventListener('input', () => this.explain());
    this.zone.addEventListener('change', () => this.explain());
    this.explain();
  }

  /** The start, or undefined after saying what is wrong with it. */
  read(now: number): PickedStart | undefined {
    this.error.textContent = '';
    this.input.removeAttribute('aria-invalid');
    const at = zonedToEpoch(this.input.value, this.zone.value);
    let problem: string | undefined;
    if (!this.input.value) problem = t('plan.startMissing');
    else if (at === undefined) problem = t('plan.startSkipped', { zone: this.zone.value });
    else if (at <= now) problem = t('plan.startPast');
    if (problem !== undefined || at === undefined) {
      this.error.textContent = problem ?? t('plan.startMissing');
      this.input.setAttribute('aria-invalid', 'true');
      this.input.focus();
      return undefined;
    }
    return { startsAt: this.input.value, timeZone: this.zone.value, at };
  }

  private explain(): void {
    const at = zonedToEpoch(this.input.value, this.zone.value);
    if (at === undefined) this.hint.textContent = this.input.value ? t('plan.startSkipped', { zone: this.zone.value }) : '';
    else this.hint.textContent = this.zone.value === this.mine ? '' : t('plan.yourTime', { when: formatDateTime(at, this.mine, 'full') });
  }
}
