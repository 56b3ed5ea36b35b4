import type { AddressPrivacy } from '../p2p/addressPrivacy';
import { h, i18n } from './dom';
import { t } from '../i18n/i18n';

/**
 * "Hide my address" on the room page (docs/security.md, "Addresses stay private by choice"): a switch remembered in this browser,
 * what it means, and, where the server has no relay, that a hidden address means no peer connections.
 */
export class PrivacyPanel {
  readonly element: HTMLElement;
  private readonly box: HTMLInputElement;
  private readonly status: HTMLElement;
  private readonly off: () => void;

  constructor(private readonly privacy: AddressPrivacy) {
    this.box = h('input', { type: 'checkbox', id: 'hide-address' });
    this.box.addEventListener('change', () => privacy.choose(this.box.checked));
    this.status = h('p', { class: 'voice-status', id: 'privacy-status', 'aria-live': 'polite' });
    this.element = h('div', { class: 'card privacy', id: 'privacy' },
      i18n(h('h2'), 'privacy.title'),
      h('label', { class: 'check' }, this.box, i18n(h('span'), 'privacy.hideAddress')),
      i18n(h('p', { class: 'muted privacy-hint' }), 'privacy.hint'),
      this.status);
    this.off = privacy.on(() => this.render());
    this.render();
  }

  render(): void {
    this.box.checked = this.privacy.hidden;
    const unavailable = this.privacy.unavailable;
    this.status.classList.toggle('error', unavailable);
    this.status.textContent = t(unavailable ? 'privacy.unavailable' : this.privacy.hidden ? 'privacy.hidden' : 'privacy.shown');
  }

  dispose(): void {
    this.off();
  }
}
