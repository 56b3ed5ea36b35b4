import { t } from '../i18n/i18n';
import { friends, library, showings, type Friend, type LibraryEntry, type ShowingVisibility } from '../net/socialApi';
import type { Cleanup, PageContext } from './app';
import { h, i18n } from './dom';
import { EpisodeEditor } from './episodes';
import { describeError, notice } from './forms';
import { signInFirst } from './notifications';
import { StartPicker } from './startPicker';

const HOUR_MS = 3_600_000;

/** The next full hour at least an hour away: a sensible first guess for a start. */
export function defaultStart(now: number): number {
  return Math.ceil((now + HOUR_MS) / HOUR_MS) * HOUR_MS;
}

/**
 * `/showings/new`: title, description, start (date, time and zone), visibility, episodes and
 * invited friends. Planning leads to the showing's page, whose link is the thing to share.
 */
export function planShowingPage(main: HTMLElement, ctx: PageContext): Cleanup {
  let alive = true;
  if (ctx.api.session?.user.kind !== 'account') {
    main.replaceChildren(h('section', { class: 'card' }, i18n(h('h1'), 'plan.title'), signInFirst('plan.signIn', '/showings/new')));
    return () => undefined;
  }
  main.replaceChildren(notice('page.loading'));
  // Both lists only add choices: without them the form still plans a showing of URLs.
  Promise.all([
    library.list(ctx.api).then((items) => items.filter((m) => m.status === 'ready'), () => [] as LibraryEntry[]),
    friends.overview(ctx.api).then((o) => o.friends, () => [] as Friend[]),
  ]).then(([items, people]) => alive && main.replaceChildren(planForm(ctx, items, people)));
  return () => {
    alive = false;
  };
}

function planForm(ctx: PageContext, items: LibraryEntry[], people: Friend[]): HTMLElement {
  const title = h('input', { id: 'showing-title', required: true, maxlength: 200, autocomplete: 'off' });
  const description = h('textarea', { id: 'showing-description', maxlength: 2000, rows: 3 });
  const start = new StartPicker('showing', defaultStart(Date.now()));
  const visibility = h('select', { id: 'showing-visibility' },
    ...(['unlisted', 'public', 'private'] as ShowingVisibility[]).map((v) => i18n(h('option', { value: v }), `plan.visibility.${v}`)));
  const episodes = new EpisodeEditor(items);
  const invitees = friendPicker('showing-invitees', people);
  const error = h('p', { class: 'error', role: 'alert' });
  const titleError = h('p', { class: 'field-error', 'aria-live': 'polite' });
  const submit = i18n(h('button', { type: 'submit', class: 'primary' }), 'plan.submit');
  const form = h('form', { class: 'card plan', id: 'plan-showing', novalidate: true },
    i18n(h('h1'), 'plan.title'),
    i18n(h('p', { class: 'muted' }), 'plan.intro'),
    h('div', { class: 'field' }, i18n(h('label', { for: 'showing-title' }), 'plan.showingTitle'), title, titleError),
    h('div', { class: 'field' }, i18n(h('label', { for: 'showing-description' }), 'plan.description'), description),
    start.element,
    h('div', { class: 'field' }, i18n(h('label', { for: 'showing-visibility' }), 'plan.visibility'), visibility),
    episodes.element,
    invitees.element,
    error, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    error.textContent = '';
    titleError.textContent = '';
    if (!title.value.trim()) {
      titleError.textContent = t('form.required');
      title.focus();
      return;
    }
    const picked = start.read(Date.now());
    if (!picked) return;
    const list = episodes.read();
    if (!list) return;
    submit.disabled = true;
    showings.create(ctx.api, {
      title: title.value.trim(),
      ...(description.value.trim() ? { description: description.value.trim() } : {}),
      startsAt: picked.startsAt, timeZone: picked.timeZone,
      visibility: visibility.value as ShowingVisibility,
      episodes: list,
      invitees: invitees.chosen(),
    }).then((s) => ctx.navigate(`/s/${encodeURIComponent(s.id)}`), (err: unknown) => {
      error.textContent = describeError(err);
      submit.disabled = false;
    });
  });
  return form;
}

/** Checkboxes of friends; a note pointing to the friends page when there are none. */
export function friendPicker(id: string, people: Friend[], legend: Parameters<typeof t>[0] = 'plan.invitees') {
  const boxes = people.map((f) => h('input', { type: 'checkbox', value: f.userId, id: `${id}-${f.userId}` }));
  const element = h('fieldset', { class: 'friend-picker', id },
    i18n(h('legend'), legend),
    people.length === 0
      ? h('p', { class: 'muted' }, i18n(h('span'), 'plan.noFriends'), ' ', i18n(h('a', { href: '/friends' }), 'nav.friends'))
      : h('div', { class: 'checks' }, ...people.map((f, i) =>
        h('label', { class: 'check', for: boxes[i]!.id, 'data-user': f.userId }, boxes[i]!, f.displayName))));
  return { element, chosen: () => boxes.filter((b) => b.checked).map((b) => b.value) };
}
