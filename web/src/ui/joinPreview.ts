import { t, type MessageKey } from '../i18n/i18n';
import type { RoomPreview } from '../net/cowatchApi';
import type { ErrorCode } from '../protocol';
import { formatTime } from './dom';

/** What the join page says about a room, line by line, in the reader's language (absent lines are not shown). */
export interface JoinLines {
  owner?: string;
  present: string;
  playing?: string;
  startsAt?: string;
  /** What is needed before a name is asked; absent when one may walk in. */
  need?: string;
}

/** What each refusal asks of the visitor; keyed by the wire's error codes, so a code the server never sends does not compile. */
const NEEDS: Partial<Record<ErrorCode, MessageKey>> = {
  password_required: 'refusal.password',
  invite_required: 'refusal.invite',
  guests_not_allowed: 'refusal.guests',
  banned: 'refusal.banned',
  room_full: 'join.full',
};

/**
 * The lines for `preview`; `formatWhen` turns a server instant into the reader's date and time
 * (injected so tests need no time zone).
 */
export function joinLines(preview: RoomPreview, formatWhen: (ms: number) => string): JoinLines {
  const lines: JoinLines = { present: '' };
  const need = preview.refusal ? NEEDS[preview.refusal as ErrorCode] : undefined;
  if (need) lines.need = t(need);
  const d = preview.details;
  if (!d) {
    lines.present = t('join.locked');
    return lines;
  }
  if (d.owner) lines.owner = t('join.owner', { owner: d.owner });
  const names = d.presentNames.join(', ');
  const more = d.presentCount - d.presentNames.length;
  lines.present = d.presentCount === 0 ? t('join.nobody')
    : t('join.present', { count: d.presentCount, names: more > 0 ? t('join.presentMore', { names, more }) : names });
  const p = d.playing;
  if (d.startsAtMs !== undefined && p) {
    lines.startsAt = t('join.startsAt', { when: formatWhen(d.startsAtMs), title: p.title });
  } else if (p) {
    const key: MessageKey = p.state === 'playing' ? 'join.playing' : p.state === 'waiting' ? 'join.waiting' : 'join.paused';
    lines.playing = t(key, { title: p.title, time: formatTime(p.positionMs) });
  } else {
    lines.playing = t('join.nothing');
  }
  return lines;
}
