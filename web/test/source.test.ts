import { describe, expect, it } from 'vitest';
import { attachMedia, mediaKind, type SignedMedia } from '../src/player/source';

/** The parts of a <video> the source touches. */
class FakeVideo {
  src = '';
  poster = '';
  currentTime = 0;
  loads = 0;
  private listeners = new Map<string, Set<() => void>>();
  canPlayType(): string {
    return '';
  }
  removeAttribute(name: 'src' | 'poster'): void {
    this[name] = '';
  }
  load(): void {
    this.loads++;
  }
  addEventListener(type: string, fn: () => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(fn);
  }
  removeEventListener(type: string, fn: () => void): void {
    this.listeners.get(type)?.delete(fn);
  }
  fire(type: string): void {
    for (const fn of this.listeners.get(type) ?? []) fn();
  }
}

const asVideo = (v: FakeVideo) => v as unknown as HTMLVideoElement;
const flush = () => new Promise((r) => setTimeout(r, 0));

function resolver(expiresAt: () => number) {
  const asked: string[] = [];
  const resolve = (id: string): Promise<SignedMedia> => {
    asked.push(id);
    return Promise.resolve({ url: `/api/media/${id}/stream?sig=${asked.length}`, expiresAt: expiresAt(), posterUrl: `/p/${id}` });
  };
  return { asked, resolve };
}

describe('mediaKind', () => {
  it('tells uploaded items, HLS and direct URLs apart', () => {
    expect(mediaKind('media:abc')).toBe('uploaded');
    expect(mediaKind('https://x/a.m3u8?token=1')).toBe('hls');
    expect(mediaKind('https://x/a.mp4')).toBe('direct');
  });
});

describe('uploaded media', () => {
  it('plays from the signed URL the server gives, with its poster', async () => {
    const video = new FakeVideo();
    const { asked, resolve } = resolver(() => 10_000_000);
    attachMedia(asVideo(video), 'media:abc', { onError: () => undefined, resolveUploaded: resolve, now: () => 0 });
    await flush();
    expect(asked).toEqual(['abc']);
    expect(video.src).toBe('/api/media/abc/stream?sig=1');
    expect(video.poster).toBe('/p/abc');
  });

  it('drops a URL that arrives after the media was changed', async () => {
    const video = new FakeVideo();
    const { resolve } = resolver(() => 10_000_000);
    const attached = attachMedia(asVideo(video), 'media:old', { onError: () => undefined, resolveUploaded: resolve });
    attached.detach();
    attachMedia(asVideo(video), 'https://x/new.mp4', { onError: () => undefined });
    await flush();
    expect(video.src).toBe('https://x/new.mp4');
    expect(video.poster).toBe('');
  });

  it('asks again after an expired URL fails, keeping the position', async () => {
    let now = 0;
    const video = new FakeVideo();
    const { asked, resolve } = resolver(() => now + 3_600_000);
    attachMedia(asVideo(video), 'media:abc', { onError: () => undefined, resolveUploaded: resolve, now: () => now });
    await flush();
    video.currentTime = 42;
    video.fire('error'); // an error long before expiry is the file's, not the URL's
    await flush();
    expect(asked).toHaveLength(1);
    now = 3_600_000;
    video.fire('error');
    await flush();
    expect(asked).toHaveLength(2);
    expect(video.src).toBe('/api/media/abc/stream?sig=2');
    expect(video.currentTime).toBe(42);
  });

  it('reports a refusal instead of playing, and says when there is no session', async () => {
    const errors: string[] = [];
    const video = new FakeVideo();
    attachMedia(asVideo(video), 'media:abc', {
      onError: (m) => errors.push(m),
      resolveUploaded: () => Promise.reject(new Error('only its owner, or someone in a room that plays it, may watch this media')),
    });
    attachMedia(asVideo(video), 'media:abc', { onError: (m) => errors.push(m) });
    await flush();
    expect(video.src).toBe('');
    expect(errors).toEqual(['uploaded media needs a signed-in session',
      'only its owner, or someone in a room that plays it, may watch this media']);
  });
});
