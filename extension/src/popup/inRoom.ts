import type { MemberView } from '../../../web/src/protocol';
import { qrSvg } from '../../../web/src/ui/qr';
import { roomLink } from '../../../web/src/ui/links';
import type { RoomStatus } from '../shared/messages';
import { h } from './dom';

/** What the in-room view can ask of the tab. */
export interface RoomActions {
  chat(text: string): Promise<void>;
  leave(): Promise<void>;
  openRoomMedia(): Promise<void>;
}

function memberLine(m: MemberView, me: string | undefined): HTMLLIElement {
  const state = m.connection === 'disconnected' ? 'away' : m.readiness === 'ready' ? 'watching' : m.readiness;
  const drift = m.driftMs === undefined ? '' : ` · ${m.driftMs >= 0 ? '+' : ''}${Math.round(m.driftMs)} ms`;
  return h('li', { class: m.id === me ? 'me' : undefined },
    h('span', {}, m.name + (m.id === me ? ' (you)' : '')), h('span', { class: 'muted' }, state + drift));
}

function position(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The popup while the tab is in a room: link and QR code, whether this page is the room's, the
 * members with their state and drift, chat, leave. Built once; `update` refreshes the live parts
 * so a half-typed chat line survives.
 */
export class InRoomView {
  readonly element: HTMLElement;
  private readonly title = h('h1', { id: 'room-name' });
  private readonly summary = h('p', { class: 'muted', id: 'room-state' });
  private readonly notice = h('div', { class: 'notice', id: 'other-page', hidden: true });
  private readonly members = h('ul', { class: 'members', id: 'members' });
  private readonly chat = h('ul', { class: 'chat', id: 'chat' });
  private lastChatId = -1;

  constructor(status: RoomStatus, actions: RoomActions) {
    const link = roomLink(status.server!, status.roomId!);
    const linkInput = h('input', { id: 'room-link', readonly: true, value: link, 'aria-label': 'Room link' });
    const copy = h('button', { type: 'button', id: 'copy-link' }, 'Copy');
    copy.addEventListener('click', () => {
      void navigator.clipboard.writeText(link).then(() => (copy.textContent = 'Copied'), () => linkInput.select());
    });
    const qr = qrSvg(link);
    qr.classList.add('qr');
    qr.setAttribute('aria-label', 'QR code of the room link');

    const chatInput = h('input', { id: 'chat-input', maxlength: 1000, placeholder: 'Say something…', 'aria-label': 'Chat message', autocomplete: 'off' });
    const chatForm = h('form', { class: 'row', id: 'chat-form' }, chatInput, h('button', { type: 'submit' }, 'Send'));
    chatForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = chatInput.value.trim();
      if (!text) return;
      chatInput.value = '';
      void actions.chat(text);
    });
    const leave = h('button', { type: 'button', id: 'leave' }, 'Leave the room');
    leave.addEventListener('click', () => void actions.leave());
    this.notice.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).tagName === 'BUTTON') void actions.openRoomMedia();
    });

    this.element = h('div', { class: 'in-room' },
      h('section', {}, this.title, this.summary, this.notice),
      h('section', {}, h('h2', {}, 'Invite'), h('div', { class: 'row' }, linkInput, copy), qr),
      h('section', {}, h('h2', {}, 'Members'), this.members),
      h('section', {}, h('h2', {}, 'Chat'), this.chat, chatForm),
      leave);
    this.update(status);
  }

  update(s: RoomStatus): void {
    this.title.textContent = s.roomName ?? s.roomId ?? '';
    const video = s.video === 'site' ? 'the site\'s player' : s.video === 'element' ? 'the page\'s video' : 'no video found yet';
    const where = s.connection === 'connected' ? `${s.state ?? ''} ${position(s.positionMs)}` : s.connection ?? '';
    this.summary.textContent = s.refusal ? `Refused: ${s.refusal}` : `${where} · ${s.onRoomMedia ? video : 'not synced here'}`
      + (s.driftMs !== undefined && s.onRoomMedia ? ` · drift ${Math.round(s.driftMs)} ms` : '');
    const other = s.roomMedia !== undefined && s.onRoomMedia === false;
    this.notice.hidden = !other;
    // Built again only when the room's page changes: a button replaced every second cannot be clicked.
    if (other && this.notice.dataset.page !== s.roomMedia) {
      this.notice.dataset.page = s.roomMedia;
      this.notice.replaceChildren(h('p', {}, `This room watches ${s.roomMedia}. You are on another page, so your video is not synced.`),
        h('button', { type: 'button', id: 'open-room-page' }, 'Open the room\'s page'));
    }
    this.members.replaceChildren(...(s.members ?? []).map((m) => memberLine(m, s.memberId)));
    const lines = s.chat ?? [];
    const newest = lines.length ? lines[lines.length - 1]!.id : -1;
    if (newest !== this.lastChatId) {
      this.lastChatId = newest;
      this.chat.replaceChildren(...lines.map((c) => c.kind === 'system'
        ? h('li', { class: 'system' }, c.text)
        : h('li', {}, h('span', { class: 'who' }, `${c.name}: `), c.text)));
      this.chat.scrollTop = this.chat.scrollHeight;
    }
  }
}
