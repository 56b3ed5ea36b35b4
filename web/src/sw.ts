/**
 * The service worker that plays a shared file before it has arrived: it answers the <video>'s Range
 * requests for /p2p/<shareId> from the chunks already stored (chunkStore.ts), as much as is there
 * without a gap, and holds a request whose first chunk is missing until it comes (the page is told
 * which byte the player wants, so that stretch is fetched first). Everything else goes to the network;
 * a page opened without one gets a page that says so (app/offlinePage.ts), which also makes the app installable.
 * Shared bytes are served only as a video or audio type, else as a download, and never run (sharedFileHeaders.ts).
 */
import { CHUNK_BYTES, chunkLength, chunkOf, chunkSlice } from './p2p/chunks';
import { getChunk, getChunkRange, getFile, storedRunEnd } from './p2p/chunkStore';
import { guardHeaders, sharedFileType } from './p2p/sharedFileHeaders';
import { OFFLINE_CSP, offlinePage } from './app/offlinePage';

/** The little of ServiceWorkerGlobalScope used here (the project compiles against the DOM library). */
interface WindowClientLike {
  postMessage(message: unknown): void;
}
interface FetchEventLike {
  request: Request;
  clientId: string;
  respondWith(r: Promise<Response>): void;
}
declare const self: {
  location: Location;
  navigator: { languages?: readonly string[]; language: string };
  clients: {
    claim(): Promise<void>;
    get(id: string): Promise<WindowClientLike | undefined>;
    matchAll(o: { type: 'window' }): Promise<WindowClientLike[]>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install', f: (e: { waitUntil(p: Promise<unknown>): void }) => void): void;
  addEventListener(type: 'activate', f: (e: { waitUntil(p: Promise<unknown>): void }) => void): void;
  addEventListener(type: 'fetch', f: (e: FetchEventLike) => void): void;
};

export const P2P_PATH = '/p2p/';
/** One answer carries at most this much: the player asks again for the rest. */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;
/** Chunks read from storage in one transaction while an answer streams: 512 KiB. */
const READ_CHUNKS = 8;
/** How often a held request looks for its chunk; how long before it gives up (the player then errors). */
const POLL_MS = 50;
const HOLD_MS = 120_000;

/**
 * The room with no server (nearby.html), kept so that the installed app opens it with no network at all:
 * asked from the network first (a new version arrives), from this cache when there is none. Paths are
 * the worker's own folder's (the page may be served from any static host).
 */
const NEARBY_CACHE = 'cowatch-nearby-1';
export const NEARBY_SHELL = ['nearby.html', 'assets/nearby.js', 'assets/hashWorker.js', 'assets/main.css', 'assets/icon.svg',
  'assets/manifest.json'];
/** The server answers /nearby with the same page (WebRoutes). */
const NEARBY_PAGES = ['nearby', 'nearby.html'];

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(NEARBY_CACHE).then((c) => c.addAll(NEARBY_SHELL.map((p) => new URL(p, self.location.href).href)))
    .catch(() => undefined).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (url.origin !== self.location.origin) return;
  if (!url.pathname.startsWith(P2P_PATH)) {
    const shell = shellPath(url);
    if (shell) e.respondWith(fromNetworkOrShell(e.request, shell));
    // A page opened without a network (an installed app started on a train) says so in words.
    else if (e.request.mode === 'navigate') e.respondWith(fetch(e.request).catch(() => offline()));
    return;
  }
  e.respondWith(answer(e.request, url.pathname.slice(P2P_PATH.length).split('/')[0] ?? '', e.clientId));
});

async function answer(req: Request, shareId: string, clientId: string): Promise<Response> {
  const file = await getFile(shareId);
  if (!file) {
    return new Response('this shared file is not stored in this browser', { status: 404, headers: guardHeaders() });
  }
  const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.get('range') ?? 'bytes=0-');
  const start = m ? Number(m[1]) : 0;
  if (start >= file.size) {
    const headers = { ...guardHeaders(), 'Content-Range': `bytes */${file.size}` };
    return new Response(null, { status: 416, headers });
  }
  const last = Math.min(file.size - 1, m && m[2] ? Number(m[2]) : file.size - 1, start + MAX_ANSWER_BYTES - 1);
  await tellPage(clientId, { t: 'p2p-need', shareId, offset: start });
  // Only the first chunk is waited for: with it there is something to play; the rest is asked for later.
  const first = chunkOf(start);
  const deadline = Date.now() + HOLD_MS;
  let chunk = await getChunk(shareId, first);
  while (!chunk && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    chunk = await getChunk(shareId, first);
  }
  if (!chunk || chunk.length !== chunkLength(first, file.size)) {
    return new Response('the shared file has not arrived yet', { status: 504, headers: guardHeaders() });
  }
  // As far as the chunks stored after it go without a gap, told by their keys alone.
  const end = Math.min(last, (await storedRunEnd(shareId, first + 1, chunkOf(last) + 1)) * CHUNK_BYTES - 1);
  return new Response(chunkStream(shareId, first, chunk, start, end), {
    status: 206,
    headers: {
      ...guardHeaders(),
      ...sharedFileType(file.type),
      'Content-Range': `bytes ${start}-${end}/${file.size}`,
      'Content-Length': String(end - start + 1),
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-store',
    },
  });
}

/**
 * Bytes `start`..`end` of a stored file as the player reads them, READ_CHUNKS at a time: the first chunk at once, the
 * rest when the player pulls. Gathered whole before answering, an 8 MiB answer read chunk by chunk held the player's
 * first frame for a second and stalled it mid-film while the transfer wrote beside it (bench/run p2p, 2026-11-29:
 * loadeddata 1.1 s after its ask; a stall of 540 ms with every chunk asked for already here).
 */
function chunkStream(shareId: string, first: number, firstData: Uint8Array, start: number, end: number): ReadableStream<Uint8Array> {
  const lastIndex = chunkOf(end);
  let next = first + 1;
  return new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(chunkSlice(first, firstData, start, end));
      if (next > lastIndex) c.close();
    },
    async pull(c) {
      const to = Math.min(lastIndex + 1, next + READ_CHUNKS);
      try {
        const chunks = await getChunkRange(shareId, next, to);
        chunks.forEach((data, k) => c.enqueue(chunkSlice(next + k, data, start, end)));
      } catch (e) {
        c.error(e); // removed while it played (the person cleared it): the player sees a network error
        return;
      }
      next = to;
      if (next > lastIndex) c.close();
    },
  }, { highWaterMark: 0 });
}

/** The nearby shell's file `url` names (relative to the worker's folder), or undefined. */
function shellPath(url: URL): string | undefined {
  const base = new URL('.', self.location.href).pathname;
  if (!url.pathname.startsWith(base)) return undefined;
  const rest = url.pathname.slice(base.length);
  if (NEARBY_PAGES.includes(rest)) return 'nearby.html';
  return NEARBY_SHELL.includes(rest) ? rest : undefined;
}

async function fromNetworkOrShell(req: Request, shell: string): Promise<Response> {
  const cache = await caches.open(NEARBY_CACHE);
  const key = new URL(shell, self.location.href).href;
  try {
    const res = await fetch(req);
    if (res.ok && req.method === 'GET') void cache.put(key, res.clone()).catch(() => undefined);
    return res;
  } catch {
    return (await cache.match(key)) ?? (req.mode === 'navigate' ? offline() : Response.error());
  }
}

function offline(): Response {
  const page = offlinePage(self.navigator.languages ?? [self.navigator.language]);
  return new Response(page.html, {
    status: 503,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Language': page.lang,
      'Content-Security-Policy': OFFLINE_CSP,
      'Cache-Control': 'no-store',
    },
  });
}

async function tellPage(clientId: string, message: unknown): Promise<void> {
  const targets = clientId ? [await self.clients.get(clientId)] : await self.clients.matchAll({ type: 'window' });
  for (const c of targets) c?.postMessage(message);
}
