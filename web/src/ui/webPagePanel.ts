/**
 * A room whose media is a web page (made by the browser extension: each member watches on the site with
 * their own account). No <video> here can play it, so the room page says what it is and, when the
 * extension is installed (its script on this origin says so), offers to open the page and bind its
 * video to the room; without the extension, how to install it.
 */
import { t } from '../i18n/i18n';
import { FROM_EXTENSION, TO_EXTENSION, type FromExtension, type ToExtension } from '../net/extensionLink';
import { h } from './dom';

export class WebPagePanel {
  readonly element = h('section', { class: 'web-page card', id: 'web-page', hidden: true });
  private page: string | undefined;
  private note = '';
  private readonly onMessage = (e: MessageEvent) => {
    if (e.source !== window || e.origin !== location.origin) return;
    const m = e.data as FromExtension | undefined;
    if (m?.channel !== FROM_EXTENSION) return;
    if (m.kind === 'opened') this.note = t(m.needsClick ? 'webPage.openedClick' : 'webPage.opened', { site: site(m.page) });
    else if (m.kind === 'failed') this.note = t('webPage.failed', { message: String(m.message).slice(0, 300) });
    this.render();
  };

  constructor(private readonly roomId: string, private readonly viewerName: () => string) {
    window.addEventListener('message', this.onMessage);
  }

  /** The room's media is this page (its video could not be loaded as a file). */
  show(page: string): void {
    if (this.page === page) return;
    this.page = page;
    this.note = '';
    this.render();
  }

  hide(): void {
    this.page = undefined;
    this.render();
  }

  dispose(): void {
    window.removeEventListener('message', this.onMessage);
  }

  render(): void {
    const page = this.page;
    this.element.hidden = page === undefined;
    if (page === undefined) return;
    const s = site(page);
    const text = h('p', { id: 'web-page-text' }, t('webPage.explain', { site: s }));
    if (document.documentElement.dataset.cowatchExtension === 'present') {
      const open = h('button', { type: 'button', class: 'primary', id: 'open-web-page' }, t('webPage.open', { site: s }));
      open.addEventListener('click', () => {
        const m: ToExtension = { channel: TO_EXTENSION, kind: 'openPage', roomId: this.roomId, page, name: this.viewerName() };
        window.postMessage(m, location.origin);
      });
      this.element.replaceChildren(text, open, h('p', { id: 'web-page-note', role: 'status' }, this.note));
      return;
    }
    this.element.replaceChildren(text, h('p', {}, t('webPage.noExtension')),
      h('details', { id: 'extension-help' }, h('summary', {}, t('webPage.install')),
        h('ol', {}, h('li', {}, t('webPage.installChromium')), h('li', {}, t('webPage.installFirefox')),
          h('li', {}, t('webPage.installThen', { site: s })))));
  }
}

function site(page: string): string {
  try {
    return new URL(page).hostname;
  } catch {
    return page;
  }
}
