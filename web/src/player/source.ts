/**
 * Puts a room's media into the <video>: a direct URL (MP4, WebM: whatever the browser plays),
 * HLS (.m3u8) through hls.js, loaded only when needed, or an uploaded item `media:{id}`, whose
 * short-lived signed streaming URL is asked of the server (POST /api/media/{id}/url) and asked
 * again when it has expired.
 */
export type MediaKind = 'direct' | 'hls' | 'uploaded';

export const UPLOADED_PREFIX = 'media:';

export function mediaKind(mediaId: string): MediaKind {
  if (mediaId.startsWith(UPLOADED_PREFIX)) return 'uploaded';
  let path = mediaId;
  try {
    path = new URL(mediaId, 'http://x').pathname;
  } catch {
    // not a URL: judge by the text itself
  }
  return path.toLowerCase().endsWith('.m3u8') ? 'hls' : 'direct';
}

/** What the server hands out for an uploaded item: where to stream it from and until when. */
export interface SignedMedia {
  url: string;
  expiresAt: number;
  posterUrl?: string | null;
}

/** Asks the server for a signed URL of an uploaded item (its id without the `media:` prefix). */
export type UploadedResolver = (itemId: string) => Promise<SignedMedia>;

export interface AttachedMedia {
  detach(): void;
}

export interface SourceOptions {
  onError: (message: string) => void;
  resolveUploaded?: UploadedResolver;
  now?: () => number;
}

/** A URL is asked for again this long before it expires, or after a playback error past this. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * Starts loading `mediaId` into `video` and returns at once; whatever is still loading when
 * `detach` is called (hls.js, a signed URL) is dropped, so a quick change of media never lets an
 * older source land on top of the newer one.
 */
export function attachMedia(video: HTMLVideoElement, mediaId: string, options: SourceOptions): AttachedMedia {
  const kind = mediaKind(mediaId);
  if (kind === 'uploaded') return attachUploaded(video, mediaId.slice(UPLOADED_PREFIX.length), options);
  if (kind === 'hls' && !video.canPlayType('application/vnd.apple.mpegurl')) return attachHls(video, mediaId, options);
  video.src = mediaId;
  return { detach: () => clearSource(video) };
}

function attachHls(video: HTMLVideoElement, url: string, options: SourceOptions): AttachedMedia {
  let detached = false;
  let destroy: () => void = () => undefined;
  void import('hls.js').then(({ default: Hls }) => {
    if (detached) return;
    if (!Hls.isSupported()) {
      video.src = url;
      destroy = () => clearSource(video);
      return;
    }
    const hls = new Hls({ enableWorker: true });
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (data.fatal) options.onError(`HLS: ${data.details}`);
    });
    hls.loadSource(url);
    hls.attachMedia(video);
    destroy = () => hls.destroy();
  });
  return {
    detach: () => {
      detached = true;
      destroy();
    },
  };
}

/**
 * Plays an uploaded item from its signed URL. When the URL expires while the film is still on
 * (the browser's next range request is refused), a fresh one replaces it at the same position;
 * the sync engine corrects whatever moved meanwhile.
 */
function attachUploaded(video: HTMLVideoElement, itemId: string, options: SourceOptions): AttachedMedia {
  const now = options.now ?? Date.now;
  const resolve = options.resolveUploaded;
  if (!resolve) {
    options.onError('uploaded media needs a signed-in session');
    return { detach: () => undefined };
  }
  let detached = false;
  let signed: SignedMedia | undefined;
  const report = (e: unknown) => {
    if (!detached) options.onError(e instanceof Error ? e.message : String(e));
  };
  const onError = () => {
    if (detached || !signed || signed.expiresAt - EXPIRY_MARGIN_MS > now()) return; // not an expiry: the page reports it
    const position = video.currentTime;
    resolve(itemId).then((fresh) => {
      if (detached) return;
      signed = fresh;
      video.src = fresh.url;
      video.currentTime = position;
    }, report);
  };
  resolve(itemId).then((first) => {
    if (detached) return;
    signed = first;
    if (first.posterUrl) video.poster = first.posterUrl;
    video.src = first.url;
    video.addEventListener('error', onError);
  }, report);
  return {
    detach: () => {
      detached = true;
      video.removeEventListener('error', onError);
      video.removeAttribute('poster');
      clearSource(video);
    },
  };
}

function clearSource(video: HTMLVideoElement): void {
  video.removeAttribute('src');
  video.load();
}
