import { onLanguageChange, t, type MessageKey } from '../i18n/i18n';
import { ApiError } from '../net/api';
import { showings, type Person, type ShowingView } from '../net/socialApi';
import type { Cleanup, PageContext } from './app';
import { clockText, countdown, ServerClock, showingPhase } from './countdown';
import { h, i18n } from './dom';
import { formatDuration } from './duration';
import { describeError, notice } from './forms';
import { POLL_MS } from './notifications';
import { manage } from './showingManage';
import { formatDateTime, timeElement } from './when';
import { browserZone } from './zonedTime';

/** How often the countdown is redrawn: often enough that its seconds never skip. */
const TICK_MS = 250;

/**
 * `/s/{id}`: a showing. When, with a live countdown on the server's clock, the episodes, who is
 * coming; answer, add to a calendar, join the room; the planner moves, invites or cancels.
 */
export function showingPage(main: HTMLElement, ctx: PageContext, id: string): Cleanup {
  let alive = true;
  let view: ShowingView | undefined;
  let clock: ServerClock | undefined;
  /** What the page shows now, to skip redrawing an unchanged showing. */
  let shown: string | undefined;
  const countdownEl = h('p', { class: 'countdown', id: 'showing-countdown' });
  main.replaceChildren(notice('page.loading'));

  const load = () => {
    const sentAt = Date.now();
    showings.get(ctx.api, id).then((v) => {
      if (!alive) return;
      clock = new ServerClock(v.now, sentAt, Date.now());
      view = v;
      // Redraw only when something changed, and never under the planner's open form: focus and
      // typing are not lost to a refresh.
      const key = JSON.stringify({ ...v, now: 0 });
      if (key !== shown && (shown === undefined || !main.querySelector('#showing-manage[open]'))) {
        shown = key;
        render(v);
      }
      tick();
    }, (e: unknown) => {
      if (!alive || view) return; // a failed refresh keeps what is shown
      const missing = e instanceof ApiError && e.status === 404;
      main.replaceChildren(h('section', { class: 'card narrow' },
        h('p', { class: 'error', role: 'alert', id: 'showing-error' }, missing ? t('showing.notFound') : describeError(e)),
        missing && !ctx.api.session ? h('p', {}, i18n(h('a', { href: `/signin?next=/s/${encodeURIComponent(id)}` }), 'nav.signIn')) : null,
        i18n(h('a', { href: '/showings' }), 'nav.showings')));
    });
  };

  const tick = () => {
    if (!view || !clock) return;
    const now = clock.now(Date.now());
    const phase = showingPhase(view, now);
    countdownEl.dataset['phase'] = phase;
    if (phase === 'upcoming') {
      const c = countdown(view.startsAt - now);
      countdownEl.textContent = c.days > 0
        ? t('showing.startsInDays', { days: c.days, time: clockText(c) })
        : t('showing.startsIn', { time: clockText(c) });
    } else {
      countdownEl.textContent = t(`showing.phase.${phase}` as MessageKey);
    }
  };

  const render = (v: ShowingView) => {
    main.replaceChildren(h('div', { class: 'showing-layout' },
      h('section', { class: 'card showing', id: 'showing', 'data-status': v.status },
        h('h1', { id: 'showing-title' }, v.title),
        whenLine(v),
        countdownEl,
        v.description ? h('p', { class: 'description' }, v.description) : null,
        actions(v),
        linkRow(v),
        i18n(h('h2'), 'showing.episodes'),
        h('ol', { class: 'episodes', id: 'showing-episodes' }, ...v.episodes.map((e, i) => episodeItem(v, i, e.title, e.mediaId, e.durationMs)))),
      h('aside', { class: 'side' },
        people('showing-going', t('showing.going', { count: v.going.length }), v.going, v.ownerId),
        v.invited.length ? people('showing-invited', t('showing.invited', { count: v.invited.length }), v.invited, v.ownerId) : null,
        v.mine && v.status === 'scheduled' ? manage(ctx, v, load) : null)));
  };

  const actions = (v: ShowingView): HTMLElement => {
    const status = h('p', { class: 'status-line', role: 'status', id: 'showing-status' });
    const row = h('div', { class: 'row wrap actions' });
    if (v.status === 'scheduled') {
      const join = i18n(h('button', { type: 'button', class: 'primary', id: 'showing-join' }), 'showing.join');
      join.addEventListener('click', () => {
        if (!ctx.api.session) {
          ctx.navigate(`/r/${encodeURIComponent(v.roomId)}`); // the room asks for a name
          return;
        }
        join.disabled = true;
        showings.enter(ctx.api, v.id).then((r) => ctx.navigate(`/r/${encodeURIComponent(r.roomId)}`), (e: unknown) => {
          status.textContent = describeError(e);
          join.disabled = false;
        });
      });
      row.append(join);
      if (ctx.api.session && !v.mine) {
        for (const going of [true, false]) {
          const pressed = v.myAnswer === (going ? 'going' : 'declined');
          const b = i18n(h('button', { type: 'button', id: going ? 'answer-going' : 'answer-declined', 'aria-pressed': String(pressed), class: pressed ? 'chosen' : '' }),
            going ? 'showing.answerGoing' : 'showing.answerDeclined');
          b.addEventListener('click', () => {
            b.disabled = true;
            showings.answer(ctx.api, v.id, going).then(() => {
              shown = undefined; // redraw even if the answer was already this one
              load();
            }, (e: unknown) => {
              status.textContent = describeError(e);
              b.disabled = false;
            });
          });
          row.append(b);
        }
      }
      row.append(calendarLink(ctx, v, status));
    }
    return h('div', {}, row, status);
  };

  load();
  const ticker = setInterval(tick, TICK_MS);
  const refresher = setInterval(load, POLL_MS);
  const offLanguage = onLanguageChange(() => view && render(view));
  return () => {
    alive = false;
    clearInterval(ticker);
    clearInterval(refresher);
    offLanguage();
  };
}

/** The start in the reader's time, and in the planner's zone when that differs. */
function whenLine(v: ShowingView): HTMLElement {
  const mine = browserZone();
  return h('p', { class: 'when', id: 'showing-when' },
    timeElement(v.startsAt, formatDateTime(v.startsAt, undefined, 'full')),
    v.timeZone === mine ? null : h('span', { class: 'muted' }, ' ', t('showing.plannedIn', { when: formatDateTime(v.startsAt, v.timeZone), zone: v.timeZone })),
    v.status === 'cancelled' ? i18n(h('strong', { class: 'cancelled' }), 'showing.cancelled') : null);
}

function episodeItem(v: ShowingView, index: number, title: string, mediaId: string, durationMs: number | null | undefined): HTMLElement {
  let startsAt: number | undefined = v.startsAt;
  for (let i = 0; i < index; i++) startsAt = startsAt === undefined ? undefined : plus(startsAt, v.episodes[i]!.durationMs);
  const name = title || (mediaId.startsWith('media:') ? t('showing.uploaded') : lastSegment(mediaId));
  const facts = [durationMs ? formatDuration(durationMs) : '', startsAt !== undefined ? t('showing.episodeAt', { when: formatDateTime(startsAt) }) : '']
    .filter(Boolean).join(' · ');
  return h('li', { class: 'episode-item' }, h('span', { class: 'name' }, name), facts ? h('span', { class: 'muted small-text' }, facts) : null);
}

function plus(at: number, ms: number | null | undefined): number | undefined {
  return ms == null ? undefined : at + ms;
}

/** `film.mp4` of `https://cdn.example/a/film.mp4?x=1`: a readable name for an untitled URL. */
function lastSegment(url: string): string {
  try {
    const path = new URL(url).pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || url;
  } catch {
    return url;
  }
}

function people(id: string, title: string, list: Person[], ownerId: string): HTMLElement {
  return h('section', { class: 'card' }, h('h2', {}, title),
    h('ul', { class: 'people', id }, ...list.map((p) => h('li', { 'data-user': p.userId },
      h('span', { class: 'name' }, p.displayName),
      p.userId === ownerId ? i18n(h('span', { class: 'badge' }), 'showing.planner') : null))));
}

function linkRow(v: ShowingView): HTMLElement {
  const input = h('input', { id: 'showing-link', readonly: true, value: v.link });
  i18n(input, 'showing.link', 'aria-label');
  const copy = i18n(h('button', { type: 'button', id: 'showing-copy' }), 'room.copyLink');
  const done = h('span', { class: 'ok small-text', role: 'status' });
  copy.addEventListener('click', () => {
    input.select();
    const ok = () => (done.textContent = t('room.copied'));
    if (navigator.clipboard) navigator.clipboard.writeText(v.link).then(ok, () => document.execCommand('copy') && ok());
    else if (document.execCommand('copy')) ok();
  });
  return h('div', { class: 'row link-row' }, input, copy, done);
}

/**
 * "Add to calendar". A plain link works for showings anyone with the link may see; a private one
 * needs the viewer's token, which a link cannot carry, so it is fetched and saved from memory.
 */
function calendarLink(ctx: PageContext, v: ShowingView, status: HTMLElement): HTMLElement {
  const path = showings.calendarPath(v.id);
  const a = i18n(h('a', { href: path, class: 'button', id: 'showing-calendar', download: `showing-${v.id}.ics` }), 'showing.calendar');
  if (v.visibility !== 'private') return a;
  a.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    void (async () => {
      const token = await ctx.api.accessToken();
      const res = await fetch(path, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const url = URL.createObjectURL(await res.blob());
      const save = h('a', { href: url, download: `showing-${v.id}.ics` });
      save.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    })().catch((err: unknown) => (status.textContent = describeError(err)));
  });
  return a;
}
