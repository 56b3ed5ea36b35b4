import type { RoomClient } from '../net/roomClient';
import { t } from '../i18n/i18n';
import { EMOJI } from './chat';
import { h } from './dom';

/** How long a reaction floats over the video. */
const FLOAT_MS = 3_000;
/** Reactions on screen at once; a flood of them drops the oldest. */
const MAX_FLOATING = 30;

/** Floats shown for `count` of one emoji in a second: one each up to three, then slowly more, never past six. */
export function floatsFor(count: number): number {
  if (!(count > 0)) return 0;
  return Math.min(6, count <= 3 ? count : 3 + Math.floor(Math.log10(count)));
}

/**
 * Emoji over the video: a row of buttons to send one, and a layer on the player where everyone's
 * float up for a few seconds with the sender's name. Nothing is stored.
 */
export class Reactions {
  readonly bar: HTMLElement;
  readonly layer: HTMLElement = h('div', { class: 'reaction-layer', 'aria-hidden': 'true' });

  constructor(client: RoomClient) {
    this.bar = h('div', { class: 'reaction-bar', role: 'group', 'aria-label': t('reactions.label') },
      ...EMOJI.map((emoji) => {
        const b = h('button', { type: 'button', class: 'emoji', title: t('chat.reactWith', { emoji }) }, emoji);
        b.addEventListener('click', () => client.react(emoji));
        return b;
      }));
    client.on('reaction', ({ name, emoji }) => this.float(emoji, name));
    // A big room's second of emoji: a few of each float up, the crowd's count beside them (no names: thousands).
    client.on('reactions', ({ counts }) => {
      for (const [emoji, count] of Object.entries(counts)) {
        if (!EMOJI.includes(emoji) || !(count > 0)) continue;
        for (let i = 0; i < floatsFor(count); i++) this.float(emoji, i === 0 ? `×${count}` : '');
      }
    });
  }

  private float(emoji: string, name: string): void {
    while (this.layer.childElementCount >= MAX_FLOATING) this.layer.firstElementChild?.remove();
    const left = 10 + Math.random() * 80;
    const bubble = h('span', { class: 'reaction-float' },
      h('span', { class: 'reaction-emoji' }, emoji), h('span', { class: 'reaction-name' }, name));
    // A style property, not a style attribute: the page's CSP refuses inline style attributes.
    bubble.style.left = `${left.toFixed(1)}%`;
    this.layer.append(bubble);
    setTimeout(() => bubble.remove(), FLOAT_MS);
  }
}
