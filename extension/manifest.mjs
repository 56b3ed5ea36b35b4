// The manifest of each browser's package. Permissions are the minimum: activeTab (the page
// the toolbar button was clicked on), scripting (to put the content script there), storage (server
// address, guest identity, which tab is in which room) and the default Cowatch server's host. Other
// servers are asked for at run time when configured (optional_host_permissions).

/** Match pattern for an origin's pages on every port (Chromium and Firefox match patterns ignore ports). */
export function hostPattern(origin) {
  const u = new URL(origin);
  return `${u.protocol}//${u.hostname}/*`;
}

export function manifest(browser, version, defaultServer) {
  const hosts = [hostPattern(defaultServer)];
  // A server on this machine answers at localhost and 127.0.0.1 alike.
  const local = new URL(defaultServer).hostname;
  if (local === 'localhost') hosts.push('http://127.0.0.1/*');
  if (local === '127.0.0.1') hosts.push('http://localhost/*');
  const m = {
    manifest_version: 3,
    name: 'Cowatch',
    version,
    description: 'Watch together on the sites you already use: keeps the video of this page on a Cowatch room\'s timeline.',
    icons: { 16: 'icons/icon16.png', 48: 'icons/icon48.png', 128: 'icons/icon128.png' },
    action: { default_popup: 'popup.html', default_title: 'Cowatch', default_icon: { 16: 'icons/icon16.png', 48: 'icons/icon48.png' } },
    permissions: ['activeTab', 'scripting', 'storage'],
    host_permissions: hosts,
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'" },
  };
  if (browser === 'firefox') {
    m.background = { scripts: ['background.js'] };
    m.browser_specific_settings = { gecko: { id: 'extension@cowatch.dev', strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } } };
  } else {
    m.background = { service_worker: 'background.js' };
    m.minimum_chrome_version = '111';
  }
  return m;
}
