import type { Api } from '../net/api';
import { media } from '../net/cowatchApi';
import { ResumeStore } from '../net/upload/resumeStore';
import { TusHttp } from '../net/upload/tus';
import { Upload, type UploadSnapshot } from '../net/upload/upload';

/**
 * The uploads of this tab, one at a time, in the order the files were given. Kept outside the
 * page, so that an upload goes on while the person looks at a room and is there again on /media.
 */
export interface QueuedUpload {
  key: number;
  upload: Upload;
  /** Not started yet: waiting for the ones before it. */
  waiting: boolean;
}

/** Phases in which an upload holds the line; the next starts once it is paused, failed or done. */
const BUSY = new Set<UploadSnapshot['phase']>(['checking', 'hashing', 'uploading', 'retrying']);

export class UploadQueue {
  readonly store = new ResumeStore();
  private readonly entries: QueuedUpload[] = [];
  private readonly listeners = new Set<() => void>();
  private nextKey = 1;

  constructor(private readonly api: Api) {}

  get all(): readonly QueuedUpload[] {
    return this.entries;
  }

  /** Media ids of the uploads this tab is still sending (the library shows those in the upload rows). */
  activeMediaIds(): Set<string> {
    const ids = new Set<string>();
    for (const e of this.entries) {
      const s = e.upload.state;
      if (e.upload.mediaId && s.phase !== 'done' && s.phase !== 'cancelled') ids.add(e.upload.mediaId);
    }
    return ids;
  }

  add(files: Iterable<File>): void {
    const userId = this.api.user?.id;
    if (!userId) return;
    for (const file of files) {
      const upload = new Upload(file, {
        http: new TusHttp(this.api),
        limits: () => media.limits(this.api),
        store: this.store,
        userId,
      });
      const entry: QueuedUpload = { key: this.nextKey++, upload, waiting: true };
      upload.onChange(() => {
        this.pump();
        this.changed();
      });
      this.entries.push(entry);
    }
    this.pump();
    this.changed();
  }

  /** Takes a finished, failed or cancelled upload off the list. */
  dismiss(key: number): void {
    const i = this.entries.findIndex((e) => e.key === key);
    if (i < 0) return;
    const e = this.entries[i]!;
    if (!e.waiting && BUSY.has(e.upload.state.phase)) return;
    if (e.waiting) void e.upload.cancel();
    this.entries.splice(i, 1);
    this.changed();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private pump(): void {
    if (this.entries.some((e) => !e.waiting && BUSY.has(e.upload.state.phase))) return;
    const next = this.entries.find((e) => e.waiting);
    if (!next) return;
    next.waiting = false;
    void next.upload.start();
  }

  private changed(): void {
    this.listeners.forEach((l) => l());
  }
}

let shared: UploadQueue | undefined;

/** The tab's queue (one per API client). */
export function uploadQueue(api: Api): UploadQueue {
  if (!shared) shared = new UploadQueue(api);
  return shared;
}
