/**
 * Sharing a file from this computer in the room: the button (or a drop on the video), the codec check,
 * the offer others see ("Ann shares film.mkv, 1.4 GB") with accept and decline, the disk-space check,
 * and progress on both sides. The room's media becomes the shared file (p2p/peerMedia.ts); the sharer
 * plays it from disk, receivers through the service worker (sw.ts) while it arrives.
 */
import type { AttachedMedia } from '../player/source';
import type { SignalIn } from '../protocol';
import { t } from '../i18n/i18n';
import { putChunks, removeExpired, storedIndices } from '../p2p/chunkStore';
import { chunkCount, CHUNK_BYTES } from '../p2p/chunks';
import { FileFetcher } from '../p2p/fileFetcher';
import { FILE_PURPOSE, FileSharer, type ReceiverView } from '../p2p/fileSharer';
import { SWARM_PURPOSE } from '../p2p/swarmLinks';
import { hooks } from '../p2p/hooks';
import { refuse, type SignalPort } from '../p2p/peerLink';
import { parsePeerMedia, peerMediaId, type PeerFile } from '../p2p/peerMedia';
import { newSessionId } from '../p2p/signals';
import type { Progress } from '../net/upload/progress';
import { h } from './dom';
import { StoredFiles } from './storedFiles';
import { formatBytes, formatDuration, formatPercent, formatRate } from './units';

const PROBE_TIMEOUT_MS = 15_000;

/** What the panel needs of a room: a server room's client, or a nearby room of two devices (nearby/nearbyRoom.ts). */
export interface ShareRoom extends SignalPort {
  readonly memberId: string | undefined;
  readonly members: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  on(event: 'signal', handler: (s: SignalIn) => void): () => void;
  setMedia(mediaId: string): void;
}

/** Where the STUN and TURN servers come from (the server's, p2p/iceServers.ts; or the device's own setting). */
export interface IceSource {
  get(): Promise<RTCIceServer[]>;
}

export class SharePanel {
  readonly element: HTMLElement;
  private readonly input = h('input', { type: 'file', accept: 'video/*,.mkv,.mp4,.webm,.mov', id: 'share-file', hidden: true });
  private readonly button = h('button', { type: 'button', id: 'share-file-button' });
  private readonly hint = h('span', { class: 'muted' });
  private readonly offer = h('div', { class: 'p2p-offer', id: 'p2p-offer', role: 'region', hidden: true });
  private readonly lines = h('ul', { class: 'p2p-progress', id: 'p2p-progress', 'aria-live': 'polite' });
  private readonly stored = new StoredFiles(() => this.current?.shareId);
  private readonly sharers = new Map<string, FileSharer>();
  private readonly fetchers = new Map<string, FileFetcher>();
  private readonly declined = new Set<string>();
  private current: PeerFile | undefined;
  private readonly offSignal: () => void;
  private readonly onWorkerMessage = (e: MessageEvent) => {
    const m = e.data as { t?: string; shareId?: string; offset?: number };
    if (m?.t === 'p2p-need' && m.shareId && typeof m.offset === 'number') this.fetchers.get(m.shareId)?.seekTo(m.offset);
  };

  constructor(private readonly client: ShareRoom, private readonly video: HTMLVideoElement,
    stage: HTMLElement, private readonly toast: (text: string) => void, private readonly ice: IceSource) {
    this.element = h('section', { class: 'p2p', id: 'p2p' }, h('div', { class: 'p2p-share' }, this.button, this.input, this.hint),
      this.offer, this.lines, this.stored.element);
    this.button.addEventListener('click', () => this.input.click());
    this.input.addEventListener('change', () => {
      const f = this.input.files?.[0];
      this.input.value = '';
      if (f) void this.share(f);
    });
    stage.addEventListener('dragover', (e) => e.preventDefault());
    stage.addEventListener('drop', (e) => {
      const f = e.dataTransfer?.files?.[0];
      if (!f) return;
      e.preventDefault();
      void this.share(f);
    });
    this.offSignal = client.on('signal', (s) => void this.signal(s).catch((err: unknown) => this.toast(String(err))));
    navigator.serviceWorker?.addEventListener('message', this.onWorkerMessage);
    // Received files are kept 24 h after their last chunk (chunkStore.KEEP_MS); older ones go now.
    if (typeof indexedDB !== 'undefined') void removeExpired(Date.now()).catch(() => undefined);
    this.render();
  }

  /** Puts a `peer:` media into the video; undefined when `mediaId` is not one. */
  attach(mediaId: string): AttachedMedia | undefined {
    const file = parsePeerMedia(mediaId);
    if (!file) return undefined;
    this.current = file;
    const sharer = this.sharers.get(file.shareId);
    let url: string | undefined;
    if (sharer) {
      url = URL.createObjectURL(sharer.file);
      this.video.src = url;
    } else if (this.fetchers.has(file.shareId)) {
      this.video.src = streamUrl(file);
    } else {
      this.showOffer(file);
    }
    this.render();
    return {
      detach: () => {
        this.current = undefined;
        this.offer.hidden = true;
        this.video.removeAttribute('src');
        this.video.load();
        if (url) URL.revokeObjectURL(url);
        this.render();
      },
    };
  }

  dispose(): void {
    this.offSignal();
    navigator.serviceWorker?.removeEventListener('message', this.onWorkerMessage);
    for (const s of this.sharers.values()) s.stop();
    for (const f of this.fetchers.values()) f.stop();
  }

  /** Shares a file from this computer: checked first, then offered to the room (its media becomes the file). */
  async share(file: File): Promise<void> {
    const memberId = this.client.memberId;
    if (!memberId) return;
    this.hint.textContent = t('p2p.checking', { name: file.name });
    const reason = await probe(file);
    if (reason !== null) {
      this.hint.textContent = '';
      this.render();
      this.toast(t('p2p.cannotPlay', { name: file.name, reason }));
      return;
    }
    this.hint.textContent = '';
    this.render();
    const share: PeerFile = { sharer: memberId, shareId: newSessionId(), name: file.name, size: file.size, type: file.type };
    this.sharers.set(share.shareId, new FileSharer(file, share, this.client, () => this.iceServers(), () => this.render(),
      () => !this.video.paused));
    this.client.setMedia(peerMediaId(share));
  }

  private async signal(s: SignalIn): Promise<void> {
    if (s.purpose !== FILE_PURPOSE && s.purpose !== SWARM_PURPOSE) return;
    for (const f of this.fetchers.values()) {
      if (f.owns(s)) return f.handle(s);
    }
    const shareId = s.session.split('-')[0] ?? '';
    const sharer = this.sharers.get(shareId);
    if (sharer) return sharer.handle(s);
    if (s.kind === 'offer') refuse(this.client, s, 'this file is not shared from here (any more)');
  }

  private showOffer(file: PeerFile): void {
    if (file.sharer === this.client.memberId) {
      // Shared from this member in an earlier page: the file is gone with it.
      this.offer.replaceChildren(h('p', {}, t('p2p.fail.refused', { detail: 'the page that shared it was closed' })));
      this.offer.hidden = false;
      return;
    }
    if (this.declined.has(file.shareId)) {
      this.offer.replaceChildren(h('p', {}, t('p2p.declined', { file: file.name })));
      this.offer.hidden = false;
      return;
    }
    const who = this.client.members.find((m) => m.id === file.sharer)?.name ?? '?';
    const accept = h('button', { type: 'button', class: 'primary', id: 'p2p-accept' }, t('p2p.accept'));
    const decline = h('button', { type: 'button', id: 'p2p-decline' }, t('p2p.decline'));
    accept.addEventListener('click', () => void this.accept(file).catch((e: unknown) => this.toast(String(e))));
    decline.addEventListener('click', () => {
      this.declined.add(file.shareId);
      this.client.signal({ to: file.sharer, session: `${file.shareId}-declined`, purpose: FILE_PURPOSE, kind: 'refuse',
        payload: 'declined' });
      this.showOffer(file);
    });
    this.offer.replaceChildren(h('p', { id: 'p2p-offer-text' }, t('p2p.offer', { name: who, file: file.name, size: formatBytes(file.size) })),
      accept, decline);
    this.offer.hidden = false;
  }

  private async accept(file: PeerFile): Promise<void> {
    const stored = (await storedIndices(file.shareId)).length;
    const needed = (chunkCount(file.size) - stored) * CHUNK_BYTES;
    const estimate = await navigator.storage?.estimate?.();
    if (estimate?.quota !== undefined) {
      const free = estimate.quota - (estimate.usage ?? 0);
      if (free < needed) {
        this.toast(t('p2p.noSpace', { file: file.name, size: formatBytes(needed), free: formatBytes(Math.max(0, free)) }));
        return;
      }
    }
    const worker = await serviceWorker();
    if (!worker) this.toast(t('p2p.noServiceWorker'));
    await putChunks({ ...file, touchedAt: Date.now(), bytes: 0 }, []);
    // With this member's id the receiver joins the file's swarm: fellow receivers serve each other (swarmPlan.ts).
    const fetcher = new FileFetcher(file, this.client, () => this.iceServers(), () => this.render(), undefined,
      hooks().noSwarm ? undefined : this.client.memberId);
    this.fetchers.set(file.shareId, fetcher);
    this.offer.hidden = true;
    await fetcher.start();
    if (this.current?.shareId === file.shareId && worker) this.video.src = streamUrl(file);
    this.render();
  }

  private iceServers(): Promise<RTCIceServer[]> {
    return this.ice.get();
  }

  private render(): void {
    this.button.textContent = t('p2p.share');
    if (!this.hint.textContent) this.hint.textContent = t('p2p.shareHint');
    const items: HTMLElement[] = [];
    for (const s of this.sharers.values()) {
      if (this.current?.shareId !== s.share.shareId) continue;
      items.push(h('li', { class: 'p2p-sharing' }, t('p2p.sharing', { file: s.share.name, size: formatBytes(s.share.size) })));
      for (const r of s.views()) items.push(h('li', { class: 'p2p-receiver', 'data-peer': r.peer }, t('p2p.receiver', { name: r.name, status: receiverStatus(r) })));
    }
    for (const f of this.fetchers.values()) {
      if (this.current?.shareId !== f.share.shareId) continue;
      const who = this.client.members.find((m) => m.id === f.share.sharer)?.name ?? '?';
      let status = f.status === 'receiving' ? progressText(f.progress)
        : f.status === 'failed' ? t(`p2p.fail.${f.failure?.kind ?? 'unreachable'}`, { detail: f.failure?.detail ?? '', name: who })
        : t(`p2p.status.${f.status}`);
      if (f.badChunks > 0) status += ` (${t('p2p.badChunks', { count: f.badChunks })})`;
      items.push(h('li', { class: `p2p-receiving p2p-${f.status}`, id: 'p2p-receiving' }, t('p2p.receiving', { file: f.share.name, status })));
    }
    this.lines.replaceChildren(...items);
  }
}

function receiverStatus(r: ReceiverView): string {
  if (r.status === 'sending') return progressText(r.progress);
  if (r.status === 'declined') return t('p2p.status.declined');
  return t(`p2p.status.${r.status}`);
}

function progressText(p: Progress): string {
  if (p.bytesPerSecond === undefined || p.secondsLeft === undefined) return t('p2p.progressStarting', { percent: formatPercent(p.percent) });
  return t('p2p.progress', { percent: formatPercent(p.percent), speed: formatRate(p.bytesPerSecond), left: formatDuration(p.secondsLeft) });
}

function streamUrl(file: PeerFile): string {
  return `/p2p/${file.shareId}/${encodeURIComponent(file.name)}`;
}

/** The service worker, once it controls this page (undefined when the browser has none). */
async function serviceWorker(): Promise<ServiceWorker | undefined> {
  const sw = navigator.serviceWorker;
  if (!sw) return undefined;
  await sw.register('/sw.js');
  await sw.ready;
  if (sw.controller) return sw.controller;
  await new Promise<void>((resolve) => {
    sw.addEventListener('controllerchange', () => resolve(), { once: true });
    setTimeout(resolve, 5_000);
  });
  return sw.controller ?? undefined;
}

/** Null when this browser plays the file (its first frame decodes); otherwise why not, in the browser's words. */
export function probe(file: File): Promise<string | null> {
  const v = document.createElement('video');
  v.muted = true;
  v.preload = 'auto';
  const url = URL.createObjectURL(file);
  return new Promise<string | null>((resolve) => {
    const timer = setTimeout(() => resolve('no picture after 15 s'), PROBE_TIMEOUT_MS);
    v.onloadeddata = () => {
      clearTimeout(timer);
      resolve(v.videoWidth > 0 ? null : 'no video track');
    };
    v.onerror = () => {
      clearTimeout(timer);
      resolve(v.error?.message || `media error ${v.error?.code ?? '?'}`);
    };
    v.src = url;
  }).finally(() => {
    v.removeAttribute('src');
    v.load();
    URL.revokeObjectURL(url);
  });
}
