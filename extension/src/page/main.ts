import { parseToPage, TO_CONTENT, type ToContent } from '../shared/bridge';
import { SITE_ADAPTERS, type SiteAdapter } from './adapters';

// Injected into the page's own world (scripting.executeScript, world MAIN) next to the content
// script. Once per page; a second injection finds the flag and does nothing.
const FLAG = '__cowatchSiteAdapter';
const win = window as unknown as Record<string, unknown>;

function post(message: ToContent): void {
  window.postMessage(message, window.location.origin === 'null' ? '*' : window.location.origin);
}

function current(): SiteAdapter | undefined {
  return SITE_ADAPTERS.find((a) => a.matches(window));
}

if (!win[FLAG]) {
  win[FLAG] = true;
  window.addEventListener('message', (e) => {
    if (e.source !== window) return;
    const m = parseToPage(e.data);
    if (!m) return;
    const adapter = current();
    if (m.kind === 'hello') {
      if (adapter) post({ channel: TO_CONTENT, kind: 'adapter', name: adapter.name });
      return;
    }
    if (!adapter) {
      post({ channel: TO_CONTENT, kind: 'done', id: m.id, error: 'NoAdapter' });
      return;
    }
    Promise.resolve()
      .then(() => adapter.run(window, m.op, m.value))
      .then(() => post({ channel: TO_CONTENT, kind: 'done', id: m.id }),
        (err: unknown) => post({ channel: TO_CONTENT, kind: 'done', id: m.id, error: err instanceof Error ? err.name : 'Error' }));
  });
  const adapter = current();
  if (adapter) post({ channel: TO_CONTENT, kind: 'adapter', name: adapter.name });
}
