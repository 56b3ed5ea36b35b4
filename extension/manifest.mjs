// The manifest of each browser's package. Permissions are the minimum: activeTab (the page
// the toolbar button was clicked on), scripting (to put the content script there), storage (server
// address, guest identity, which tab is in which room) and the default Cowatch server's host. Other
// servers are asked for at run time when configured (optional_host_permissions).

/** Match pattern for an origin's pages on every port (Chromium and Firefox match patterns ignore ports). */
export function hostPattern(origin) {
  const u = new URL(origin);
  return `${u.protocol}//${u.hostname}/*`;
}

/**
 * The manifest's version from the Maven version: browsers take one to four dot-separated integers
 * (0-65535, no leading zeros) and nothing else, so 0.1.0-SNAPSHOT becomes 0.1.0. Chromium shows the
 * full one as version_name.
 */
export function browserVersion(mavenVersion) {
  const numbers = mavenVersion.split(/[-+]/)[0];
  const parts = numbers.split('.');
  const ok = parts.length <= 4 && parts.every((p) => /^(0|[1-9][0-9]{0,4})$/.test(p) && Number(p) <= 65535);
  if (!ok) throw new Error(`${mavenVersion}: no browser version in it (want 1.2.3 or 1.2.3-QUALIFIER)`);
  return numbers;
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
    version: browserVersion(version),
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
    if (m.version !== version) m.version_name = version;
    m.minimum_chrome_version = '111';
  }
  return m;
}
