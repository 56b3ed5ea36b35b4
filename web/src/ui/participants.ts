import type { Timeline } from '../engine/timeline';
import { t, type MessageKey } from '../i18n/i18n';
import type { MemberView } from '../protocol';
import { h } from './dom';

/** What a member is doing, in one word. */
export function memberState(m: MemberView, timeline: Timeline | undefined): MessageKey {
  if (m.connection === 'disconnected') return 'member.offline';
  if (m.readiness === 'buffering') return 'member.buffering';
  if (m.readiness === 'catchingUp') return 'member.catchingUp';
  if (m.readiness === 'needsClick') return 'member.needsClick';
  if (timeline?.state === 'playing') return 'member.playing';
  if (timeline?.state === 'waiting') return 'member.ready';
  return 'member.paused';
}

/**
 * The participants list. `speaking` holds those heard speaking now (voice): they get a marker and
 * the word, so it does not rest on colour or motion alone.
 */
export function renderParticipants(list: HTMLElement, members: readonly MemberView[], me: string | undefined, timeline: Timeline | undefined,
  action: (m: MemberView) => Node | null = () => null, speaking: ReadonlySet<string> = new Set()): void {
  list.replaceChildren(...members.map((m) => {
    const speaks = speaking.has(m.id);
    const state = memberState(m, timeline);
    const role = m.role === 'host' ? t('room.host') : m.role === 'owner' || m.role === 'moderator' ? t(`role.${m.role}`) : '';
    const tags = [m.id === me ? t('room.you') : '', role, clientName(m)].filter(Boolean).join(', ');
    const stats = [
      m.rttMs === undefined ? '' : t('member.rtt', { ms: Math.round(m.rttMs) }),
      m.driftMs === undefined ? '' : t('member.drift', { ms: Math.round(m.driftMs) }),
      m.soundDelayMs ? t('members.soundDelay', { ms: m.soundDelayMs }) : '',
    ].filter(Boolean).join(' · ');
    return h('li', { class: `member ${state.replace('member.', 'state-')}${speaks ? ' speaking' : ''}`, 'data-member': m.id },
      h('span', { class: 'dot', 'aria-hidden': 'true' }),
      h('span', { class: 'name' }, m.name, speaks ? h('span', { class: 'speaking-tag' }, t('member.speaking')) : null),
      tags ? h('span', { class: 'tags' }, `(${tags})`) : null,
      h('span', { class: 'state' }, t(state)),
      stats ? h('span', { class: 'stats' }, stats) : null,
      m.id === me ? null : wrapAction(action(m)));
  }));
}

/** A client that is not one of Cowatch's own apps, by its own (untranslated) name. */
export function clientName(m: MemberView): string {
  return m.client === 'syncplay' ? 'Syncplay' : '';
}

function wrapAction(node: Node | null): HTMLElement | null {
  return node ? h('span', { class: 'member-action' }, node) : null;
}
