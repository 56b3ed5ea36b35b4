// Builds the extension into <outdir>/chromium and <outdir>/firefox (unpacked) and packs each into
// <outdir>/cowatch-<browser>.zip. The sync engine, protocol and room client are the web app's
// (../web/src), bundled in: nothing is fetched at run time, so no remote code.
//   node build.mjs [outdir] [defaultServer] [version]   (the version: Maven's, else package.json's)
import { build } from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zipDirectory } from './zip.mjs';
import { manifest } from './manifest.mjs';
import { writeIcons } from './icons.mjs';

const outdir = process.argv[2] ?? 'dist';
const defaultServer = new URL(process.argv[3] ?? process.env.COWATCH_EXTENSION_SERVER ?? 'http://localhost:8080').origin;
const version = process.argv[4] ?? JSON.parse(await readFile('package.json', 'utf8')).version;

await rm(outdir, { recursive: true, force: true });
for (const browser of ['chromium', 'firefox']) {
  const dir = join(outdir, browser);
  await mkdir(dir, { recursive: true });
  await build({
    entryPoints: {
      content: 'src/content/main.ts',
      page: 'src/page/main.ts',
      popup: 'src/popup/main.ts',
      background: 'src/background.ts',
      'cowatch-site': 'src/content/cowatchSite.ts',
    },
    bundle: true,
    format: 'iife',
    target: ['chrome110', 'firefox128'],
    minify: true,
    // Readable by reviewers of the add-on stores: the sources map beside the bundles.
    sourcemap: 'linked',
    outdir: dir,
    legalComments: 'linked',
    define: { __DEFAULT_SERVER__: JSON.stringify(defaultServer) },
    // The web app's sources import its own npm packages (qrcode-generator): resolve them from there.
    nodePaths: ['../web/node_modules'],
    logLevel: 'warning',
  });
  await cp('src/popup/popup.html', join(dir, 'popup.html'));
  await cp('src/popup/popup.css', join(dir, 'popup.css'));
  await mkdir(join(dir, 'icons'));
  await writeIcons(join(dir, 'icons'));
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest(browser, version, defaultServer), null, 2));
  await zipDirectory(dir, join(outdir, `cowatch-${browser}.zip`));
}
console.log(`extension: built into ${outdir} (server ${defaultServer})`);
