import { t } from '../i18n/i18n';
import type { RoomClient } from '../net/roomClient';
import { meshSize } from '../p2p/peerMesh';
import type { VoiceChat } from '../voice/voiceChat';
import { voiceRefusal, type MicMode, type VoiceRefusal } from '../voice/voiceRules';
import { h, i18n } from './dom';
import { icon } from './icons';
import { saveVoicePrefs, voicePrefs } from './storage';

/** Push-to-talk's key, held anywhere on the page except while typing. */
const TALK_KEY = 't';

/**
 * The room's microphone: one button (a switch with an open microphone, held with push-to-talk), the
 * mode, whether voices lower the film, and why the microphone cannot be used when it cannot.
 */
export class VoicePanel {
  readonly element: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly mode: HTMLSelectElement;
  private readonly ducking: HTMLInputElement;
  private readonly status: HTMLElement;
  private refusal: VoiceRefusal | null = null;
  private readonly offs: Array<() => void> = [];

  constructor(private readonly voice: VoiceChat, private readonly client: RoomClient) {
    const prefs = voicePrefs();
    this.button = h('button', { type: 'button', class: 'mic', id: 'mic', 'aria-pressed': 'false' });
    this.button.addEventListener('click', () => void this.click());
    this.button.addEventListener('pointerdown', (e) => this.hold(true, e));
    for (const up of ['pointerup', 'pointerleave', 'pointercancel']) this.button.addEventListener(up, () => this.hold(false));

    this.mode = h('select', { id: 'mic-mode' },
      h('option', { value: 'open' }, t('voice.mode.open')), h('option', { value: 'pushToTalk' }, t('voice.mode.pushToTalk')));
    this.mode.value = prefs.mode;
    voice.setMode(prefs.mode);
    this.mode.addEventListener('change', () => {
      const mode = this.mode.value as MicMode;
      if (mode === 'open') voice.turnOff(); // an armed push-to-talk microphone does not start sending by itself
      voice.setMode(mode);
      this.save();
      this.render();
    });

    this.ducking = h('input', { type: 'checkbox', id: 'voice-ducking' });
    this.ducking.checked = prefs.ducking;
    this.ducking.addEventListener('change', () => this.save());

    this.status = h('p', { class: 'voice-status', id: 'voice-status', 'aria-live': 'polite' });
    this.element = h('div', { class: 'card voice', id: 'voice' },
      i18n(h('h2'), 'voice.title'),
      h('div', { class: 'voice-row' }, this.button,
        h('label', { class: 'voice-mode' }, i18n(h('span', { class: 'sr-only' }), 'voice.mode'), this.mode)),
      h('label', { class: 'check' }, this.ducking, i18n(h('span'), 'voice.ducking')),
      this.status);

    const key = (down: boolean) => (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== TALK_KEY || this.mode.value !== 'pushToTalk' || typing(e.target) || e.repeat) return;
      e.preventDefault();
      if (down) void this.pushToTalk();
      else voice.setHeld(false);
    };
    const onDown = key(true);
    const onUp = key(false);
    const onBlur = () => voice.setHeld(false); // a key let go in another window never comes back up here
    document.addEventListener('keydown', onDown);
    document.addEventListener('keyup', onUp);
    window.addEventListener('blur', onBlur);
    this.offs.push(() => document.removeEventListener('keydown', onDown), () => document.removeEventListener('keyup', onUp),
      () => window.removeEventListener('blur', onBlur), client.on('presence', () => this.roomChanged()));
    this.render();
  }

  /** Whether the viewer lets voices lower the film. */
  get duckingEnabled(): boolean {
    return this.ducking.checked;
  }

  render(): void {
    const pushToTalk = this.mode.value === 'pushToTalk';
    const on = this.voice.micOn;
    const sending = this.voice.sending;
    this.button.replaceChildren(icon(on && (sending || pushToTalk) ? 'mic' : 'micOff'),
      h('span', {}, t(pushToTalk ? 'voice.hold' : on ? 'voice.turnOff' : 'voice.turnOn')));
    this.button.setAttribute('aria-pressed', String(sending));
    this.button.classList.toggle('sending', sending);
    this.button.disabled = this.refusal?.reason === 'tooMany' || this.refusal?.reason === 'unsupported';
    this.mode.options[0]!.textContent = t('voice.mode.open');
    this.mode.options[1]!.textContent = t('voice.mode.pushToTalk');
    this.status.classList.toggle('error', this.refusal !== null);
    this.status.textContent = this.refusal ? refusalText(this.refusal)
      : sending && this.voice.connected.length === 0 ? t('voice.alone')
        : sending ? t('voice.talking') : pushToTalk ? t('voice.pushToTalk') : on ? t('voice.open') : t('voice.off');
  }

  dispose(): void {
    this.offs.forEach((off) => off());
  }

  private async click(): Promise<void> {
    if (this.mode.value === 'pushToTalk') return; // held, not clicked
    if (this.voice.micOn) this.voice.turnOff();
    else if (!this.refuse()) this.refusal = await this.voice.turnOn();
    this.render();
  }

  private hold(held: boolean, e?: PointerEvent): void {
    if (this.mode.value !== 'pushToTalk') return;
    if (!held) {
      this.voice.setHeld(false);
      return;
    }
    if (e && e.button !== 0) return;
    void this.pushToTalk();
  }

  private async pushToTalk(): Promise<void> {
    if (this.refuse()) return;
    this.voice.setHeld(true);
    if (!this.voice.micOn) this.refusal = await this.voice.turnOn();
    this.render();
  }

  /** Whether the room or the browser rules the microphone out (shown), before it is asked for. */
  private refuse(): boolean {
    this.refusal = voiceRefusal(meshSize(this.client.members, this.client.memberId), Boolean(navigator.mediaDevices?.getUserMedia));
    this.render();
    return this.refusal !== null;
  }

  /** The room grew past the mesh: the microphone goes off, and the reason is shown. */
  private roomChanged(): void {
    const size = meshSize(this.client.members, this.client.memberId);
    const tooMany = voiceRefusal(size, true);
    if (tooMany) {
      this.voice.turnOff();
      this.refusal = tooMany;
    } else if (this.refusal?.reason === 'tooMany') {
      this.refusal = null;
    }
    this.render();
  }

  private save(): void {
    saveVoicePrefs({ mode: this.mode.value as MicMode, ducking: this.ducking.checked });
  }
}

function refusalText(r: VoiceRefusal): string {
  switch (r.reason) {
    case 'tooMany': return t('voice.refused.tooMany', { max: r.max, members: r.members });
    case 'unsupported': return t('voice.refused.unsupported');
    case 'denied': return t('voice.refused.denied');
    case 'noDevice': return t('voice.refused.noDevice');
    case 'failed': return t('voice.refused.failed', { detail: r.detail });
  }
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' && (el as HTMLInputElement).type !== 'range' && (el as HTMLInputElement).type !== 'checkbox'
    || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}
