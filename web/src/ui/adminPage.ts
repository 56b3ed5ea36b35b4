import { t } from '../i18n/i18n';
import { ApiError } from '../net/api';
import { admin, notices, type AuditEntry, type SiteNotice } from '../net/adminApi';
import { liveRoomsSection, ROOMS_REFRESH_MS } from './adminRooms';
import type { Cleanup, PageContext } from './app';
import { h, i18n } from './dom';
import { describeError, form, notice } from './forms';
import { siteNotices } from './siteNotices';
import { formatDateTime, timeElement } from './when';

/**
 * `/admin`, for the site's administrators (the server refuses everyone else with 403): a notice to
 * everyone online, the live rooms (close one, ban a member), banned accounts, and the audit log with
 * its chain's verification.
 */
export function adminPage(main: HTMLElement, ctx: PageContext): Cleanup {
  let alive = true;
  const api = ctx.api;
  main.replaceChildren(notice('page.loading'));
  if (!api.session) {
    main.replaceChildren(notice('admin.forbidden', 'error'), h('p', {}, i18n(h('a', { href: '/signin?next=/admin' }), 'nav.signIn')));
    return () => undefined;
  }
  let timer: ReturnType<typeof setInterval> | undefined;
  admin.status(api).then((s) => {
    if (!alive) return;
    if (!s.admin) {
      main.replaceChildren(notice('admin.forbidden', 'error'));
      return;
    }
    const banForm = bansSection(ctx);
    const rooms = liveRoomsSection(api, (m) => banForm.fill(m.userId, m.name));
    const audit = auditSection(ctx);
    main.replaceChildren(h('div', { class: 'admin-page' }, i18n(h('h1'), 'admin.title'), noticesSection(ctx).element,
      rooms.element, banForm.element, audit.element));
    void rooms.refresh();
    timer = setInterval(() => void rooms.refresh(), ROOMS_REFRESH_MS);
  }, (e: unknown) => {
    if (!alive) return;
    main.replaceChildren(e instanceof ApiError && e.status === 403 ? notice('admin.forbidden', 'error')
      : h('p', { class: 'error', role: 'alert' }, describeError(e)));
  });
  return () => {
    alive = false;
    clearInterval(timer);
  };
}

function noticesSection(ctx: PageContext): { element: HTMLElement } {
  const list = h('ul', { class: 'admin-notices', id: 'admin-notices-list' });
  const show = (current: SiteNotice[]) => {
    list.replaceChildren(...(current.length === 0 ? [h('li', {}, notice('admin.noticeNone'))] : current.map((n) => {
      const withdraw = i18n(h('button', { type: 'button', class: 'small' }), 'admin.withdraw');
      withdraw.addEventListener('click', () => {
        withdraw.disabled = true;
        admin.withdrawNotice(ctx.api, n.id).then(() => {
          siteNotices.receive({ ...n, expiresAtMs: 0 });
          return reload();
        }, () => (withdraw.disabled = false));
      });
      return h('li', { 'data-notice': n.id }, h('span', {}, n.text), ' ',
        h('span', { class: 'muted' }, t('admin.noticeUntil', { time: formatDateTime(n.expiresAtMs) })), ' ', withdraw);
    })));
  };
  const reload = () => notices.current(ctx.api).then(show, () => undefined);
  const f = form({
    id: 'admin-notice', className: 'subform', submit: 'admin.noticePost',
    fields: [
      { name: 'text', label: 'admin.noticeText', required: true, maxlength: 500 },
      { name: 'minutes', label: 'admin.noticeMinutes', type: 'number', required: true, min: 1, max: 10080, value: '60' },
    ],
    async onSubmit(v, handle) {
      const posted = await admin.postNotice(ctx.api, v['text']!, Number(v['minutes']));
      siteNotices.receive(posted);
      handle.inputs['text']!.value = '';
      await reload();
    },
  });
  void reload();
  return { element: h('section', { class: 'card admin-section', id: 'admin-notices' }, i18n(h('h2'), 'admin.notices'), f.element, list) };
}

function bansSection(ctx: PageContext): { element: HTMLElement; fill(user: string, name: string): void } {
  const list = h('ul', { class: 'admin-bans', id: 'admin-bans-list' });
  const reload = () => admin.bans(ctx.api).then((bans) => {
    list.replaceChildren(...(bans.length === 0 ? [h('li', {}, notice('admin.bansNone'))] : bans.map((b) => {
      const unban = i18n(h('button', { type: 'button', class: 'small' }), 'admin.unban');
      unban.addEventListener('click', () => {
        unban.disabled = true;
        admin.unban(ctx.api, b.userId).then(reload, () => (unban.disabled = false));
      });
      return h('li', { 'data-user': b.userId }, h('strong', {}, b.name ?? b.userId), b.email ? ` <${b.email}> ` : ' ',
        h('span', {}, `\u201c${b.reason}\u201d`), ' ', h('span', { class: 'muted' }, formatDateTime(b.bannedAt)), ' ', unban);
    })));
  }, (e: unknown) => list.replaceChildren(h('li', { class: 'error' }, describeError(e))));
  const f = form({
    id: 'admin-ban', className: 'subform', submit: 'admin.banSubmit',
    fields: [
      { name: 'user', label: 'admin.banUser', required: true, maxlength: 254 },
      { name: 'reason', label: 'admin.banWhy', required: true, maxlength: 500 },
    ],
    async onSubmit(v, handle) {
      await admin.ban(ctx.api, v['user']!, v['reason']!);
      handle.inputs['user']!.value = '';
      handle.inputs['reason']!.value = '';
      await reload();
    },
  });
  void reload();
  return {
    element: h('section', { class: 'card admin-section', id: 'admin-bans' }, i18n(h('h2'), 'admin.bans'), f.element, list),
    fill(user, name) {
      f.inputs['user']!.value = user;
      f.inputs['reason']!.placeholder = t('admin.banReason', { name });
      f.inputs['reason']!.focus();
    },
  };
}

function auditSection(ctx: PageContext): { element: HTMLElement } {
  const verdict = h('p', { id: 'admin-audit-verification', role: 'status' });
  const rows = h('tbody');
  const older = i18n(h('button', { type: 'button', id: 'admin-audit-older', hidden: true }), 'admin.auditOlder');
  let next: number | undefined;
  const row = (e: AuditEntry) => h('tr', { 'data-seq': e.seq },
    h('td', {}, String(e.seq)), h('td', {}, timeElement(e.at)), h('td', {}, h('code', {}, e.action)),
    h('td', {}, e.actorId ?? '\u2014'), h('td', {}, e.subject ?? '\u2014'),
    h('td', { class: 'details' }, Object.entries(e.details).map(([k, v]) => `${k}=${v}`).join(', ')));
  const load = (before?: number) => admin.audit(ctx.api, before).then((page) => {
    const v = page.verification;
    verdict.className = v.status === 'intact' ? 'ok' : 'error';
    verdict.textContent = v.status === 'intact'
      ? t('admin.auditIntact', { rows: v.rows ?? 0, head: (v.headHash ?? '').slice(0, 12) })
      : t('admin.auditBroken', { seq: v.brokenAt ?? 0, reason: v.reason ?? '' });
    if (before === undefined) rows.replaceChildren();
    rows.append(...page.entries.map(row));
    next = page.nextBefore;
    older.hidden = next === undefined;
  }, (e: unknown) => (verdict.textContent = describeError(e)));
  older.addEventListener('click', () => void load(next));
  void load();
  return {
    element: h('section', { class: 'card admin-section', id: 'admin-audit' }, i18n(h('h2'), 'admin.audit'), verdict,
      h('table', { class: 'admin-table' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'),
        ...(['admin.when', 'admin.action', 'admin.actor', 'admin.subject', 'admin.details'] as const)
          .map((k) => i18n(h('th', { scope: 'col' }), k)))), rows), older),
  };
}
