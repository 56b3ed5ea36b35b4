// One viewer with the Cowatch extension in a real Firefox (Debian's firefox-esr), driven over WebDriver
// BiDi by puppeteer-core (e2e FirefoxExtensionTest starts it):
//   node firefox-member.mjs <unpacked firefox extension> <room link> <name>
// Installs the extension (BiDi webExtension.install), opens the room link in the web app, joins with the
// name, clicks "Open <site> and watch together", and, once the extension bound the site's video in the new
// tab, prints one JSON line per reading of that video ({"positionMs","paused","wallMs"}) every 50 ms. A
// line on stdin is a command: "pause" or "play" (a person's gesture on the site's video), "quit".
// Everything else it says goes to stderr, one "firefox: ..." line each.
import puppeteer from 'puppeteer-core';
import { createInterface } from 'node:readline';

const [extensionDir, roomLink, name] = process.argv.slice(2);
if (!extensionDir || !roomLink || !name) {
  console.error('usage: node firefox-member.mjs <extension dir> <room link> <name>');
  process.exit(2);
}
const executablePath = process.env.COWATCH_FIREFOX ?? '/usr/bin/firefox-esr';
const say = (line) => console.error(`firefox: ${line}`);
const READ_EVERY_MS = 50;

const browser = await puppeteer.launch({
  browser: 'firefox', executablePath, headless: true,
  // Autoplay as in the Chromium tests (no person here to click); media without a sound card.
  extraPrefsFirefox: { 'media.autoplay.default': 0, 'media.autoplay.blocking_policy': 0 },
});
let quitting = false;
const quit = async (code) => {
  if (quitting) return;
  quitting = true;
  await browser.close().catch(() => undefined);
  process.exit(code);
};
process.on('SIGTERM', () => void quit(0));

try {
  say(`${await browser.version()}`);
  say(`installed ${await browser.installExtension(extensionDir)}`);
  const room = await browser.newPage();
  await room.goto(roomLink);
  await room.waitForSelector('#display-name');
  await room.type('#display-name', name);
  await room.click('#name-form button[type=submit]');
  const open = await room.waitForSelector('#open-web-page', { timeout: 30_000 });
  say(`room page offers: ${await open.evaluate((b) => b.textContent)}`);
  const opened = new Promise((resolve) => browser.once('targetcreated', (t) => resolve(t)));
  await open.click();
  const site = await (await opened).page();
  site.on('console', (m) => say(`site console: ${m.text()}`));
  site.on('pageerror', (e) => say(`site error: ${e}`));
  await site.waitForFunction(() => document.readyState === 'complete' && document.querySelector('video'), { timeout: 30_000 });
  const note = await room.waitForFunction(() => document.getElementById('web-page-note')?.textContent || undefined, { timeout: 30_000 });
  say(`room page says: ${await note.jsonValue()}`);

  createInterface({ input: process.stdin }).on('line', (line) => {
    const command = line.trim();
    if (command === 'quit') void quit(0);
    else if (command === 'pause') void site.evaluate(() => document.querySelector('video').pause()).catch((e) => say(`pause: ${e}`));
    else if (command === 'play') void site.evaluate(() => document.querySelector('video').play()).catch((e) => say(`play: ${e}`));
  });
  let lastMembers = '';
  const members = setInterval(() => {
    void room.evaluate(() => document.getElementById('participants')?.innerText ?? '').then((text) => {
      const now = text.replace(/\s+/g, ' ').trim();
      if (now !== lastMembers) say(`room page participants: ${now}`);
      lastMembers = now;
    }, () => undefined);
  }, 2_000);
  process.on('exit', () => clearInterval(members));
  while (!quitting) {
    const reading = await site.evaluate(() => {
      const v = document.querySelector('video');
      return { positionMs: v.currentTime * 1000, paused: v.paused, readyState: v.readyState, wallMs: Date.now() };
    }).catch(() => undefined);
    if (reading) console.log(JSON.stringify(reading));
    await new Promise((r) => setTimeout(r, READ_EVERY_MS));
  }
} catch (e) {
  say(`failed: ${e?.stack ?? e}`);
  await quit(1);
}
