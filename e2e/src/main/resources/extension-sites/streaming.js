// What the streaming test pages share: the ?src= manifest, an optional ?buffer= (seconds of forward buffer,
// as sites that cap it to save bandwidth do; the player's own default without it), and window.siteLog,
// where each page records what its player reports, for tests:
//   {type: 'switch', wallMs, positionS, fromHeight (null for the first), toHeight, toBitrate}  a quality now rendered
//   {type: 'ad-start' | 'ad-end', wallMs, positionS, id}                                     the player says so
//   {type: 'period', wallMs, positionS, id}                                                  DASH players that say so
//   {type: 'error' | 'warning', wallMs, positionS, message}                                  fatal, or recovered
// The line under the player shows the rendition on screen, for screenshots.
(() => {
  const params = new URLSearchParams(location.search);
  const video = document.querySelector('video');
  const line = document.getElementById('rendition');
  const log = window.siteLog = [];
  let shown = null;
  let inAd = false;
  const record = (type, fields) => log.push({ type, wallMs: Date.now(), positionS: video.currentTime, ...fields });
  const show = () => {
    const errors = log.filter((e) => e.type === 'error').length;
    line.textContent = (shown ? `Rendition ${shown.height}p, ${(shown.bitrate / 1e6).toFixed(2)} Mbit/s` : 'Rendition: none yet')
      + (inAd ? ' · in the ad' : '') + (errors ? ` · ${errors} error(s)` : '');
  };
  window.streamingSite = {
    src: params.get('src'),
    bufferS: params.has('buffer') ? Number(params.get('buffer')) : null,
    video,
    rendered(height, bitrate) {
      if (shown && shown.height === height) return;
      record('switch', { fromHeight: shown ? shown.height : null, toHeight: height, toBitrate: bitrate });
      shown = { height, bitrate };
      show();
    },
    ad(started, id) {
      if (started === inAd) return;
      inAd = started;
      record(started ? 'ad-start' : 'ad-end', { id: String(id) });
      show();
    },
    period(id) { record('period', { id: String(id) }); },
    error(message) { record('error', { message: String(message) }); show(); },
    warning(message) { record('warning', { message: String(message) }); },
  };
  document.addEventListener('securitypolicyviolation', (e) => {
    window.streamingSite.error(`the page's policy blocked ${e.blockedURI} (${e.violatedDirective})`);
  });
  show();
})();
