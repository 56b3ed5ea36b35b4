/**
 * "I'm ready" / "Not ready": a viewer who needs a moment (a snack, the door) tells the room, which
 * under its wait-for-everyone policy holds for them. Pressed is ready; the sync engine reports it.
 */
import { t } from '../i18n/i18n';
import { h } from './dom';

export class ReadinessButton {
  readonly element = h('button', { type: 'button', id: 'readiness', 'aria-pressed': 'false' });
  private notReady = false;

  constructor(setNotReady: (notReady: boolean) => void) {
    this.element.addEventListener('click', () => {
      this.notReady = !this.notReady;
      setNotReady(this.notReady);
      this.render();
    });
    this.render();
  }

  /** Drawn again with the page (the language may have changed). */
  render(): void {
    this.element.textContent = t(this.notReady ? 'room.notReady' : 'room.ready');
    this.element.setAttribute('aria-pressed', String(!this.notReady));
    this.element.classList.toggle('off', this.notReady);
  }
}
