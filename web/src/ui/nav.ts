import type { Session } from '../net/api';
import { h, i18n } from './dom';
import { socialNavLinks } from './socialPages';

/** The header's links and who is signed in; redrawn when the session changes. */
export function renderNav(nav: HTMLElement, session: Session | undefined, path: string, siteAdmin = false): void {
  const link = (href: string, key: Parameters<typeof i18n>[1], id: string) => {
    const a = i18n(h('a', { href, id }), key);
    if (path === href) a.setAttribute('aria-current', 'page');
    return a;
  };
  const items: Node[] = [link('/directory', 'nav.directory', 'nav-directory')];
  if (session) {
    items.push(link('/rooms', 'nav.myRooms', 'nav-rooms'));
    items.push(link('/media', 'nav.myMedia', 'nav-media'));
    const me = h('a', { href: '/me', id: 'nav-me', class: 'user' }, session.user.displayName);
    if (path === '/me') me.setAttribute('aria-current', 'page');
    if (session.user.kind === 'guest') me.append(' ', i18n(h('span', { class: 'badge' }), 'nav.guest'));
    items.push(...socialNavLinks(session, path));
    if (siteAdmin) items.push(link('/admin', 'nav.admin', 'nav-admin'));
    items.push(me);
  } else {
    items.push(link(`/signin`, 'nav.signIn', 'nav-signin'));
  }
  nav.replaceChildren(...items);
}
