import type { ChatView, Reactions } from '../protocol';
import type { RoomClient } from '../net/roomClient';
import { t, type MessageKey } from '../i18n/i18n';
import { formatTime, h, i18n } from './dom';
import { SlowMode } from './slowMode';

/** The emoji the server takes (ChatService.EMOJI). */
export const EMOJI = ['\u{1F44D}', '\u2764\uFE0F', '\u{1F602}', '\u{1F62E}', '\u{1F622}', '\u{1F44F}', '\u{1F525}', '\u{1F389}'];

/** Longest message the server takes (core ChatText.MAX_LENGTH). */
const MAX_LENGTH = 1000;
/** Lines kept on the page; older ones are fetched again when scrolled to. */
const MAX_LINES = 500;

/**
 * The room's chat: history on join, older pages when scrolled to the top, new lines as they come,
 * mentions of me highlighted. Every text goes in as text (textContent), never as HTML.
 */
export class ChatPanel {
  readonly element: HTMLElement;
  private readonly list = h('ol', { class: 'chat-lines', id: 'chat-lines', 'aria-live': 'polite' });
  private readonly input = h('input', { id: 'chat-input', maxlength: MAX_LENGTH, autocomplete: 'off' });
  private readonly older = h('button', { type: 'button', class: 'link', id: 'chat-older' });
  private readonly lines = new Map<number, HTMLElement>();
  /** Lines shown before the server had them (local ids below 0), by their client line id. */
  private readonly byLineId = new Map<string, HTMLElement>();
  private oldestId: number | undefined;
  private readonly slowMode = new SlowMode();
  /** What slow mode means for me now: the interval, or my wait. */
  private readonly slowNote = h('p', { class: 'chat-slow-mode', id: 'chat-slow-mode', role: 'status', hidden: true });
  private readonly sendButton = i18n(h('button', { type: 'submit' }), 'chat.send');
  /** In a crowd: how many lines the server did not send me lately (too many to read); gone when it stops. */
  private readonly skippedNote = h('p', { class: 'chat-skipped', id: 'chat-skipped', hidden: true });
  private skippedHide: ReturnType<typeof setTimeout> | undefined;
  private slowTimer: ReturnType<typeof setInterval> | undefined;

  /** @param setSlowMode staff's way to set the room's slow mode (seconds, 0: off); absent: no such control */
  constructor(
    private readonly client: RoomClient,
    private readonly myName: () => string,
    private readonly canModerate: () => boolean,
    private readonly myUserId: () => string | undefined = () => undefined,
    setSlowMode?: (seconds: number) => Promise<void>,
  ) {
    i18n(this.input, 'chat.placeholder', 'placeholder');
    i18n(this.older, 'chat.older');
    this.older.hidden = true;
    this.older.addEventListener('click', () => {
      if (this.oldestId !== undefined) client.requestChatHistory(this.oldestId);
    });
    const form = h('form', { class: 'chat-form', id: 'chat-form' }, this.input, this.sendButton);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = this.input.value.trim();
      if (!text || this.slowMode.waitSeconds(Date.now(), this.canModerate()) > 0) return;
      if (client.sendChat(text)) {
        this.input.value = '';
        this.slowMode.sent(Date.now());
        this.showSlowMode();
      }
    });
    this.element = h('div', { class: 'card chat', id: 'chat' }, i18n(h('h2'), 'chat.title'), this.older, this.list,
      this.skippedNote, this.slowNote, form);
    if (setSlowMode) this.element.append(this.slowModeControl(setSlowMode));
    client.on('chat', (event) => {
      if ('slowModeSeconds' in event) {
        this.slowMode.set(event.slowModeSeconds);
        this.showSlowMode();
      } else if ('skipped' in event) {
        this.showSkipped(event.skipped);
      } else if ('message' in event) this.append([event.message], true);
      else if ('history' in event) this.prepend(event.history, event.more);
      else if ('reactions' in event) this.showReactions(event.reactions.id, event.reactions.reactions);
      else if ('lineStatus' in event) this.markLine(event.lineStatus.lineId, event.lineStatus.status, event.lineStatus.reason);
      else this.remove(event.deleted);
    });
  }

  /**
   * Slow mode as it holds me: the interval while I may write, my wait (counted down, the send button off) after a line.
   * Staff see the interval and are never held.
   */
  private showSlowMode(): void {
    const interval = this.slowMode.intervalSeconds;
    const wait = this.slowMode.waitSeconds(Date.now(), this.canModerate());
    this.slowNote.hidden = interval === 0;
    this.slowNote.textContent = wait > 0 ? t('chat.slowModeWait', { seconds: wait }) : t('chat.slowMode', { seconds: interval });
    this.sendButton.disabled = wait > 0;
    if (wait > 0 && this.slowTimer === undefined) {
      this.slowTimer = setInterval(() => this.showSlowMode(), 1_000);
    } else if (wait === 0 && this.slowTimer !== undefined) {
      clearInterval(this.slowTimer);
      this.slowTimer = undefined;
    }
  }

  /** The crowd's lines I was not sent this second; the note goes once a few seconds pass without any. */
  private showSkipped(count: number): void {
    this.skippedNote.textContent = t('chat.skipped', { count });
    this.skippedNote.hidden = false;
    if (this.skippedHide !== undefined) clearTimeout(this.skippedHide);
    this.skippedHide = setTimeout(() => { this.skippedNote.hidden = true; }, 3_000);
  }

  /** Staff's choice of the room's slow mode; the room is told by the server, this select follows what it says. */
  private slowModeControl(setSlowMode: (seconds: number) => Promise<void>): HTMLElement {
    const select = h('select', { id: 'chat-slow-mode-set' }) as HTMLSelectElement;
    for (const seconds of SlowMode.CHOICES) {
      select.append(h('option', { value: String(seconds) },
        seconds === 0 ? t('chat.slowModeOff') : t('chat.slowModeEvery', { seconds })));
    }
    select.addEventListener('change', () => {
      void setSlowMode(Number(select.value)).catch(() => { select.value = String(this.slowMode.intervalSeconds); });
    });
    this.client.on('chat', (event) => {
      if ('slowModeSeconds' in event) select.value = String(event.slowModeSeconds);
    });
    const label = i18n(h('label', { for: 'chat-slow-mode-set' }), 'chat.slowModeLabel');
    const row = h('p', { class: 'chat-slow-mode-control' }, label, select);
    row.hidden = !this.canModerate();
    // A role given or taken shows in the presence (and a join's own role at 'joined').
    this.client.on('presence', () => { row.hidden = !this.canModerate(); });
    this.client.on('joined', () => { row.hidden = !this.canModerate(); });
    return row;
  }

  private prepend(history: ChatView[], more: boolean): void {
    const fresh = history.filter((m) => !this.lines.has(m.id));
    const nodes = fresh.map((m) => this.line(m));
    this.list.prepend(...nodes);
    if (fresh.length > 0) this.oldestId = Math.min(this.oldestId ?? Infinity, fresh[0]!.id);
    this.older.hidden = !more;
    if (this.oldestId === undefined || nodes.length === history.length) this.scrollToEnd();
  }

  private append(messages: ChatView[], scroll: boolean): void {
    const atEnd = this.list.scrollTop + this.list.clientHeight >= this.list.scrollHeight - 8;
    for (const m of messages) {
      if (this.lines.has(m.id)) continue;
      const local = m.lineId === undefined ? undefined : this.byLineId.get(m.lineId);
      if (local && m.id >= 0) {
        // The server's copy of a line first shown while it was away: it takes the local one's place.
        const li = this.line(m);
        local.replaceWith(li);
        this.lines.delete(Number(local.dataset['id']));
        this.byLineId.delete(m.lineId!);
        continue;
      }
      if (local) continue; // the same line relayed again by another peer
      const li = this.line(m);
      if (m.lineId !== undefined && m.id < 0) this.byLineId.set(m.lineId, li);
      this.list.append(li);
      if (this.oldestId === undefined) this.oldestId = m.id;
    }
    while (this.lines.size > MAX_LINES) {
      const first = this.list.firstElementChild as HTMLElement | null;
      if (!first) break;
      this.lines.delete(Number(first.dataset['id']));
      first.remove();
      this.oldestId = Number((this.list.firstElementChild as HTMLElement | null)?.dataset['id'] ?? this.oldestId);
      this.older.hidden = false;
    }
    if (scroll && atEnd) this.scrollToEnd();
  }

  /** A line written while the server was away: not yet in the room's history, or refused by it. */
  private markLine(lineId: string, status: 'pending' | 'failed', reason: string | undefined): void {
    const li = this.byLineId.get(lineId);
    if (!li) return;
    li.classList.toggle('pending', status === 'pending');
    li.classList.toggle('failed', status === 'failed');
    li.querySelector('.chat-status')?.remove();
    li.append(h('span', { class: 'chat-status', title: reason ?? '' },
      t(status === 'failed' ? 'chat.notDelivered' : 'chat.pending')));
  }

  private remove(id: number): void {
    this.lines.get(id)?.remove();
    this.lines.delete(id);
  }

  private line(m: ChatView): HTMLElement {
    const time = new Date(m.atMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    if (m.kind === 'system' && m.event) {
      const li = h('li', { class: 'chat-line system', 'data-id': m.id },
        h('time', { datetime: new Date(m.atMs).toISOString() }, time), ' ', h('span', { class: 'chat-text' }, systemText(m)));
      this.lines.set(m.id, li);
      return li;
    }
    const text = h('span', { class: 'chat-text' }, m.text);
    const mine = m.memberId === this.client.memberId;
    const mentioned = !mine && mentions(m.text, this.myName());
    const del = mine || this.canModerate()
      ? h('button', { type: 'button', class: 'link chat-delete', title: t('chat.delete'), 'aria-label': t('chat.delete') }, '×')
      : null;
    del?.addEventListener('click', () => this.client.deleteChat(m.id));
    const reactions = h('span', { class: 'chat-reactions' });
    const picker = h('span', { class: 'chat-picker', hidden: true },
      ...EMOJI.map((e) => {
        const b = h('button', { type: 'button', class: 'emoji', 'aria-label': t('chat.reactWith', { emoji: e }) }, e);
        b.addEventListener('click', () => {
          picker.hidden = true;
          this.client.react(e, m.id, true);
        });
        return b;
      }));
    const add = h('button', { type: 'button', class: 'link chat-react', title: t('chat.react'), 'aria-label': t('chat.react') }, '+');
    add.addEventListener('click', () => (picker.hidden = !picker.hidden));
    const li = h('li', { class: `chat-line${mentioned ? ' mention' : ''}`, 'data-id': m.id },
      h('time', { datetime: new Date(m.atMs).toISOString() }, time), ' ',
      h('strong', {}, m.name), ' ', text, ' ', add, ' ', del, reactions, picker);
    this.lines.set(m.id, li);
    this.fillReactions(reactions, m.id, m.reactions ?? {});
    return li;
  }

  private showReactions(id: number, reactions: Reactions): void {
    const row = this.lines.get(id)?.querySelector<HTMLElement>('.chat-reactions');
    if (row) this.fillReactions(row, id, reactions);
  }

  /** One button per emoji with its count; mine are pressed, and pressing takes mine back or adds it. */
  private fillReactions(row: HTMLElement, id: number, reactions: Reactions): void {
    const me = this.myUserId();
    row.replaceChildren(...Object.entries(reactions).filter(([, users]) => users.length > 0).map(([emoji, users]) => {
      const mine = me !== undefined && users.includes(me);
      const b = h('button', { type: 'button', class: `reaction${mine ? ' mine' : ''}`, 'aria-pressed': String(mine),
        title: t('chat.reactWith', { emoji }) }, `${emoji} ${users.length}`);
      b.addEventListener('click', () => this.client.react(emoji, id, !mine));
      return b;
    }));
  }

  private scrollToEnd(): void {
    this.list.scrollTop = this.list.scrollHeight;
  }
}

/** A system line in the reader's language: "Ann paused at 12:31". */
export function systemText(m: ChatView): string {
  const e = m.event!;
  const key = `chat.event.${e.type}` as MessageKey;
  return t(key, { who: e.name, time: formatTime(e.positionMs ?? 0) });
}

/** Whether `text` mentions `name` as @name (any case), not as part of a longer word. */
export function mentions(text: string, name: string): boolean {
  if (!name) return false;
  const lower = text.toLowerCase();
  const needle = '@' + name.toLowerCase();
  let at = lower.indexOf(needle);
  while (at >= 0) {
    const after = lower.charAt(at + needle.length);
    if (!after || !/[\p{L}\p{N}_]/u.test(after)) return true;
    at = lower.indexOf(needle, at + 1);
  }
  return false;
}
