import { t, type MessageKey } from '../i18n/i18n';
import { showings, type Showing } from '../net/socialApi';
import type { Cleanup, PageContext } from './app';
import { h, i18n } from './dom';
import { describeError, notice } from './forms';
import { signInFirst } from './notifications';
import { formatDateTime, timeElement } from './when';

/** `/showings`: the showings I planned, am invited to or go to, from 12 hours ago on; and a way to plan one. */
export function myShowingsPage(main: HTMLElement, ctx: PageContext): Cleanup {
  let alive = true;
  const list = h('ul', { class: 'room-list', id: 'showing-list' });
  const plan = i18n(h('a', { href: '/showings/new', class: 'button primary', id: 'plan-showing-link' }), 'showings.plan');
  main.replaceChildren(h('section', { class: 'card' },
    h('div', { class: 'row wrap spread' }, i18n(h('h1'), 'showings.title'), plan), list));
  if (ctx.api.session?.user.kind !== 'account') {
    plan.remove();
    list.replaceWith(signInFirst('showings.signIn', '/showings'));
    return () => undefined;
  }
  list.append(h('li', {}, notice('page.loading')));
  showings.mine(ctx.api).then((found) => {
    if (!alive) return;
    const sorted = [...found].sort((a, b) => a.startsAt - b.startsAt);
    list.replaceChildren(...sorted.map(item));
    if (sorted.length === 0) list.append(h('li', {}, notice('showings.empty')));
  }, (e: unknown) => alive && list.replaceChildren(h('li', { class: 'error', role: 'alert' }, describeError(e))));
  return () => {
    alive = false;
  };
}

function item(s: Showing): HTMLElement {
  const facts = [
    t('showings.episodes', { count: s.episodes.length }),
    t(`plan.visibility.${s.visibility}` as MessageKey),
  ];
  return h('li', { class: `room-item showing-item${s.status === 'cancelled' ? ' cancelled' : ''}`, 'data-showing': s.id },
    h('a', { href: `/s/${encodeURIComponent(s.id)}` }, s.title),
    timeElement(s.startsAt, formatDateTime(s.startsAt)),
    s.status === 'cancelled' ? i18n(h('strong', { class: 'cancelled' }), 'showing.cancelled') : null,
    h('span', { class: 'muted' }, facts.join(' · ')));
}
