/**
 * Puts a room's media into the <video>. Today: a direct URL (MP4, WebM: whatever the browser
 * plays) or HLS (.m3u8) through hls.js, loaded only when needed. The seam for uploaded media:
 * a media id of the form `media:{id}` will be resolved to a signed streaming URL by the media
 * service (not yet built), then played like a direct URL.
 */
export type MediaKind = 'direct' | 'hls' | 'uploaded';

export function mediaKind(mediaId: string): MediaKind {
  if (mediaId.startsWith('media:')) return 'uploaded';
  let path = mediaId;
  try {
    path = new URL(mediaId, 'http://x').pathname;
  } catch {
    // not a URL: judge by the text itself
  }
  return path.toLowerCase().endsWith('.m3u8') ? 'hls' : 'direct';
}

export interface AttachedMedia {
  detach(): void;
}

export async function attachMedia(video: HTMLVideoElement, mediaId: string, onError: (message: string) => void): Promise<AttachedMedia> {
  const kind = mediaKind(mediaId);
  if (kind === 'uploaded') {
    onError('uploaded media is not available on this server yet');
    return { detach: () => undefined };
  }
  if (kind === 'hls' && !video.canPlayType('application/vnd.apple.mpegurl')) {
    const { default: Hls } = await import('hls.js');
    if (Hls.isSupported()) {
      const hls = new Hls({ enableWorker: true });
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (data.fatal) onError(`HLS: ${data.details}`);
      });
      hls.loadSource(mediaId);
      hls.attachMedia(video);
      return { detach: () => hls.destroy() };
    }
  }
  video.src = mediaId;
  return {
    detach: () => {
      video.removeAttribute('src');
      video.load();
    },
  };
}
