// Bundles the app into <outdir>/ (default dist/): index.html, assets/main.js (+ chunks), assets/main.css.
// Everything the page needs is in the output; nothing is fetched from a CDN at run time.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

const outdir = process.argv[2] ?? 'dist';
await rm(outdir, { recursive: true, force: true });
await mkdir(join(outdir, 'assets'), { recursive: true });
await build({
  // The hashing worker (src/p2p/offThreadHash.ts) and the sound check's microphone tap (src/sound/soundCheck.ts)
  // lie beside main.js: new URL('./hashWorker.js', import.meta.url), new URL('./micTap.js', import.meta.url).
  entryPoints: { main: 'src/main.ts', hashWorker: 'src/p2p/hashWorker.ts', micTap: 'src/sound/micTap.worklet.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  target: ['chrome110', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: true,
  outdir: join(outdir, 'assets'),
  chunkNames: 'chunk-[hash]',
  legalComments: 'linked',
  logLevel: 'warning',
});
// The room with no server (nearby.html) is one file with no chunks: the service worker keeps it for use offline
// (sw.ts, NEARBY_SHELL), and hashed chunk names would change with every build.
await build({
  entryPoints: { nearby: 'src/nearby.ts' },
  bundle: true,
  format: 'esm',
  target: ['chrome110', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: true,
  outdir: join(outdir, 'assets'),
  legalComments: 'linked',
  logLevel: 'warning',
});
// The service worker sits at the site's root (its scope must cover the pages): /sw.js, one classic script.
await build({
  entryPoints: { sw: 'src/sw.ts' },
  bundle: true,
  loader: { '.svg': 'text' },
  format: 'iife',
  target: ['chrome110', 'firefox115', 'safari16'],
  minify: true,
  outdir,
  logLevel: 'warning',
});
await build({
  entryPoints: { main: 'src/styles.css' },
  bundle: true,
  minify: true,
  outdir: join(outdir, 'assets'),
  logLevel: 'warning',
});
await copyFile('src/index.html', join(outdir, 'index.html'));
await copyFile('src/nearby.html', join(outdir, 'nearby.html'));
// What makes the site installable as an app (src/app/): its manifest and icons.
for (const file of ['manifest.json', 'icon.svg', 'icon-192.png', 'icon-512.png']) {
  await copyFile(join('src/app', file), join(outdir, 'assets', file));
}
console.log(`web: built into ${outdir}`);
