import { ApiError } from '../api';
import type { MediaLimits } from '../cowatchApi';
import { ChunkSizer, DEFAULT_CHUNKS, ProgressMeter, progressOf, type ChunkPolicy, type Progress } from './progress';
import type { FileIdentity, ResumeStore } from './resumeStore';
import { Sha256 } from './sha256';
import { isAbort, type TusHttp } from './tus';

/**
 * One file going to the library: the limits are checked, the whole file is hashed (SHA-256, sent
 * as metadata and checked by the server at the end), then it goes up in PATCHes. A stored upload
 * of the same file resumes from the server's offset; a lost connection is retried with backoff,
 * asking the server where it stands (HEAD) before going on.
 */

export type UploadPhase = 'checking' | 'hashing' | 'uploading' | 'paused' | 'retrying' | 'done' | 'failed' | 'cancelled';

export type FailureKind = 'too-large' | 'quota' | 'checksum' | 'gone' | 'network' | 'signed-out' | 'refused';

export interface UploadFailure {
  kind: FailureKind;
  /** too-large: the largest file; quota: the bytes left. */
  bytes?: number;
  /** The server's words, when it gave some. */
  message?: string;
  /** Whether trying again may help (the retry resumes; nothing is hashed twice). */
  retryable: boolean;
}

export interface UploadSnapshot {
  phase: UploadPhase;
  /** Bytes the server has. */
  progress: Progress;
  /** While hashing: how far. */
  hashing?: Progress;
  mediaId?: string;
  /** Where this upload resumed from a stored one (bytes the server had already). */
  resumedFrom?: number;
  /** While retrying: the attempt and the wait before it. */
  attempt?: number;
  retryInMs?: number;
  failure?: UploadFailure;
}

/** What is uploaded: a File, or anything like one. */
export type UploadFile = Blob & FileIdentity;

export interface UploadDeps {
  http: Pick<TusHttp, 'create' | 'offset' | 'patch' | 'terminate'>;
  limits: () => Promise<MediaLimits>;
  store: ResumeStore;
  userId: string;
  now?: () => number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  chunks?: ChunkPolicy;
  hashSliceBytes?: number;
  maxRetries?: number;
}

/** Slices read for hashing: big enough that reading is cheap, small enough that progress moves often. */
const HASH_SLICE = 4 * 1024 * 1024;
/** Failed attempts in a row (without a byte of progress) before giving up: about two minutes of backoff. */
const MAX_RETRIES = 8;
/** 409s in a row (another tab sending the same upload) before giving up. */
const MAX_CONFLICTS = 5;
const MAX_BACKOFF_MS = 30_000;
/** Statuses worth trying again: not reached, timeout, busy (423: another PATCH still holds the upload), server trouble. */
const TRANSIENT = new Set([0, 408, 423, 429, 500, 502, 503, 504]);

export class Upload {
  private snapshot: UploadSnapshot;
  private readonly listeners = new Set<(s: UploadSnapshot) => void>();
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly meter: ProgressMeter;
  private sha256: string | undefined;
  private url: string | undefined;
  private controller: AbortController | undefined;
  private running: Promise<void> | undefined;
  private paused = false;
  private cancelled = false;
  private wake: (() => void) | undefined;

  constructor(readonly file: UploadFile, private readonly deps: UploadDeps) {
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? sleep;
    this.meter = new ProgressMeter(file.size);
    this.snapshot = { phase: 'checking', progress: progressOf(0, file.size) };
  }

  get state(): UploadSnapshot {
    return this.snapshot;
  }

  get mediaId(): string | undefined {
    return this.snapshot.mediaId;
  }

  onChange(listener: (s: UploadSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs until done, failed, cancelled (resolves then; never rejects). Again after a failure: resumes. */
  start(): Promise<void> {
    if (this.cancelled || this.snapshot.phase === 'done') return Promise.resolve();
    if (!this.running) {
      this.running = this.run().catch((e: unknown) => this.fail(classify(e))).finally(() => (this.running = undefined));
    }
    return this.running;
  }

  /** Stops sending (the PATCH under way is cut); {@link resume} goes on from what the server has. */
  pause(): void {
    if (this.snapshot.phase !== 'uploading' && this.snapshot.phase !== 'retrying') return;
    this.paused = true;
    this.controller?.abort();
    this.set({ phase: 'paused', retryInMs: undefined, attempt: undefined });
  }

  resume(): void {
    if (this.paused) {
      this.paused = false;
      this.set({ phase: 'uploading' });
      this.wake?.();
    } else if (this.snapshot.phase === 'failed' && this.snapshot.failure?.retryable) {
      void this.start();
    }
  }

  /** Stops and removes what the server has (DELETE); the item is gone. */
  async cancel(): Promise<void> {
    if (this.cancelled || this.snapshot.phase === 'done') return;
    this.cancelled = true;
    this.controller?.abort();
    this.wake?.();
    this.set({ phase: 'cancelled', retryInMs: undefined });
    const { url, mediaId } = { url: this.url, mediaId: this.snapshot.mediaId };
    if (mediaId) this.deps.store.forget(mediaId);
    if (url) await this.deps.http.terminate(url).catch(() => undefined);
  }

  private async run(): Promise<void> {
    const { file, deps } = this;
    this.set({ phase: 'checking', failure: undefined, attempt: undefined, retryInMs: undefined });
    const limits = await deps.limits();
    if (file.size > limits.maxFileBytes) return this.fail({ kind: 'too-large', bytes: limits.maxFileBytes, retryable: false });
    // A new upload must fit the quota; a stored one counts in it already (at its full length).
    let quotaChecked = false;
    if (!deps.store.mayResume(deps.userId, file)) {
      if (!fits(file.size, limits)) return this.fail(quotaFailure(limits));
      quotaChecked = true;
    }
    const sha256 = this.sha256 ?? (this.sha256 = await this.hash());
    if (this.cancelled || sha256 === undefined) return;

    let stored = deps.store.find(deps.userId, file, sha256);
    let offset: number | undefined = 0;
    if (stored) {
      this.url = stored.url;
      this.set({ mediaId: stored.mediaId });
      try {
        const at = await deps.http.offset(stored.url);
        if (at.length !== undefined && at.length !== file.size) throw new ApiError(410, 'upload-changed', 'The stored upload has another length', undefined);
        offset = at.offset;
        this.set({ resumedFrom: offset });
      } catch (e) {
        const failure = classify(e);
        if (failure.kind === 'gone') {
          deps.store.forget(stored.mediaId); // expired or removed meanwhile: start afresh
          stored = undefined;
        } else if (failure.kind === 'network') {
          offset = undefined; // the transfer asks again, with retries
        } else {
          throw e;
        }
      }
    }
    if (!stored) {
      if (!quotaChecked) {
        const fresh = await deps.limits();
        if (!fits(file.size, fresh)) return this.fail(quotaFailure(fresh));
      }
      const created = await deps.http.create(file.size, {
        filename: file.name, filetype: file.type || undefined, title: titleOf(file.name), sha256,
      });
      if (this.cancelled) { // while the server was creating it: nothing was there to delete yet
        await deps.http.terminate(created.url).catch(() => undefined);
        return;
      }
      this.url = created.url;
      this.set({ mediaId: created.mediaId });
      deps.store.save({
        userId: deps.userId, name: file.name, size: file.size, lastModified: file.lastModified, sha256,
        url: created.url, mediaId: created.mediaId, savedAt: this.now(), ...(created.expiresAt ? { expiresAt: created.expiresAt } : {}),
      });
      offset = 0;
    }
    await this.transfer(this.url!, offset);
  }

  /** The whole file's SHA-256, slice by slice; undefined when cancelled meanwhile. */
  private async hash(): Promise<string | undefined> {
    const size = this.file.size;
    const slice = this.deps.hashSliceBytes ?? HASH_SLICE;
    const meter = new ProgressMeter(size);
    const h = new Sha256();
    this.set({ phase: 'hashing', hashing: meter.record(0, this.now()) });
    for (let at = 0; at < size; at += slice) {
      h.update(new Uint8Array(await this.file.slice(at, Math.min(size, at + slice)).arrayBuffer()));
      if (this.cancelled) return undefined;
      this.set({ hashing: meter.record(Math.min(size, at + slice), this.now()) });
    }
    return h.hex();
  }

  /** Sends from `start` (undefined: ask the server first) to the end. */
  private async transfer(url: string, start: number | undefined): Promise<void> {
    const { file, deps } = this;
    const sizer = new ChunkSizer(deps.chunks ?? DEFAULT_CHUNKS);
    const maxRetries = deps.maxRetries ?? MAX_RETRIES;
    let offset = start ?? this.snapshot.progress.bytes;
    let needOffset = start === undefined;
    let failures = 0;
    let conflicts = 0;
    let firstLook = needOffset && this.snapshot.resumedFrom === undefined;
    this.set({ phase: this.sending(), progress: this.meter.restart(offset, this.now()) });
    for (;;) {
      if (this.cancelled) return;
      if (this.paused) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        if (this.cancelled) return;
        needOffset = true;
      }
      const controller = (this.controller = new AbortController());
      try {
        if (needOffset) {
          const at = await deps.http.offset(url);
          if (at.length !== undefined && at.length !== file.size) throw new ApiError(410, 'upload-changed', 'The stored upload is of another length', undefined);
          offset = at.offset;
          needOffset = false;
          this.set({ phase: this.sending(), progress: this.meter.restart(offset, this.now()), ...(firstLook ? { resumedFrom: offset } : {}) });
          firstLook = false;
        }
        if (offset >= file.size) break;
        const size = Math.min(sizer.next(), file.size - offset);
        const started = this.now();
        const next = await deps.http.patch(url, offset, file.slice(offset, offset + size), controller.signal);
        sizer.observe(next - offset, this.now() - started);
        if (next > offset) {
          failures = 0;
          conflicts = 0;
        }
        offset = next;
        this.set({ phase: this.sending(), progress: this.meter.record(offset, this.now()), attempt: undefined, retryInMs: undefined });
      } catch (e) {
        if (this.cancelled) return;
        if (isAbort(e)) {
          needOffset = true; // paused: what arrived of the cut PATCH is the server's to say
          continue;
        }
        if (e instanceof ApiError && e.status === 409 && ++conflicts <= MAX_CONFLICTS) {
          needOffset = true;
          continue;
        }
        if (e instanceof ApiError && TRANSIENT.has(e.status)) {
          if (++failures > maxRetries) return this.fail({ kind: 'network', retryable: true, ...(e.detail ? { message: e.detail } : {}) });
          sizer.shrink();
          const delay = e.retryAfterSeconds ? e.retryAfterSeconds * 1000 : Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (failures - 1));
          this.set({ phase: 'retrying', attempt: failures, retryInMs: delay });
          await this.sleep(delay, controller.signal);
          if (!this.paused && !this.cancelled) this.set({ phase: 'uploading', retryInMs: undefined });
          needOffset = true;
          continue;
        }
        const failure = classify(e);
        if (failure.kind === 'gone' || failure.kind === 'checksum') deps.store.forget(this.snapshot.mediaId ?? '');
        if (failure.kind === 'checksum') this.sha256 = undefined; // the file may have changed: a retry reads it again
        return this.fail(failure);
      } finally {
        if (this.controller === controller) this.controller = undefined;
      }
    }
    deps.store.forget(this.snapshot.mediaId ?? '');
    this.set({ phase: 'done', progress: progressOf(file.size, file.size), attempt: undefined, retryInMs: undefined });
  }

  private fail(failure: UploadFailure): void {
    if (this.cancelled) return;
    this.paused = false;
    this.set({ phase: 'failed', failure, attempt: undefined, retryInMs: undefined });
  }

  /** A PATCH that completed just as the person paused still moves the bar, but the upload stays paused. */
  private sending(): UploadPhase {
    return this.paused ? 'paused' : 'uploading';
  }

  private set(change: Partial<UploadSnapshot>): void {
    if (this.cancelled && change.phase !== undefined && change.phase !== 'cancelled') return; // cancelled is final
    this.snapshot = { ...this.snapshot, ...change };
    for (const l of this.listeners) l(this.snapshot);
  }
}

function fits(size: number, limits: MediaLimits): boolean {
  return size <= limits.quotaBytes - limits.usedBytes;
}

function quotaFailure(limits: MediaLimits): UploadFailure {
  return { kind: 'quota', bytes: Math.max(0, limits.quotaBytes - limits.usedBytes), retryable: false };
}

/** What went wrong, in the terms the page explains. */
export function classify(e: unknown): UploadFailure {
  if (!(e instanceof ApiError)) return { kind: 'refused', message: e instanceof Error ? e.message : String(e), retryable: true };
  const message = e.detail ?? e.title;
  if (e.status === 460 || e.slug === 'checksum-mismatch') return { kind: 'checksum', retryable: true };
  if (e.slug === 'quota-exceeded') return { kind: 'quota', message, retryable: false };
  if (e.status === 413) return { kind: 'too-large', message, retryable: false };
  if (e.status === 401) return { kind: 'signed-out', retryable: false };
  if (e.status === 404 || e.status === 410) return { kind: 'gone', retryable: true };
  if (TRANSIENT.has(e.status)) return { kind: 'network', retryable: true, ...(e.detail ? { message: e.detail } : {}) };
  return { kind: 'refused', message, retryable: false };
}

/** The library title of a file: its name without the extension. */
export function titleOf(fileName: string): string {
  const base = fileName.replace(/\.[^./\\]{1,8}$/, '').trim() || fileName.trim() || 'Video';
  return [...base].slice(0, 200).join('');
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
