/**
 * Uploads under way, remembered in localStorage so that a closed tab, a crash or a lost
 * connection resumes where the server stopped: when the same file is picked again (same user,
 * name, size, modification time and SHA-256), its upload URL is found here.
 */

/** What identifies a file without reading it; the SHA-256 makes sure the content is the same. */
export interface FileIdentity {
  name: string;
  size: number;
  lastModified: number;
}

export interface StoredUpload extends FileIdentity {
  userId: string;
  sha256: string;
  url: string;
  mediaId: string;
  savedAt: number;
  expiresAt?: number;
}

type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const KEY = 'cowatch.uploads';
/** Old entries beyond this are dropped: nobody resumes fifty uploads. */
const MAX_ENTRIES = 50;
/** Without an expiry from the server an entry is kept this long (the server answers 404 after its own expiry anyway). */
const DEFAULT_KEEP_MS = 7 * 24 * 3600_000;

export class ResumeStore {
  constructor(private readonly storage: KeyValue | undefined = safeLocalStorage(), private readonly now: () => number = Date.now) {}

  /** The stored upload of exactly this file's content, if any. */
  find(userId: string, file: FileIdentity, sha256: string): StoredUpload | undefined {
    return this.all().find((e) => e.userId === userId && same(e, file) && e.sha256 === sha256);
  }

  /** Whether an upload of a file like this (same name, size, date) is stored: then it may be a resume, to be confirmed after hashing. */
  mayResume(userId: string, file: FileIdentity): boolean {
    return this.all().some((e) => e.userId === userId && same(e, file));
  }

  save(entry: StoredUpload): void {
    const rest = this.all().filter((e) => e.mediaId !== entry.mediaId && !(e.userId === entry.userId && same(e, entry) && e.sha256 === entry.sha256));
    this.write([entry, ...rest].slice(0, MAX_ENTRIES));
  }

  forget(mediaId: string): void {
    const all = this.all();
    const rest = all.filter((e) => e.mediaId !== mediaId);
    if (rest.length !== all.length) this.write(rest);
  }

  /** Every live entry, newest first; expired and malformed ones are skipped. */
  all(): StoredUpload[] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.storage?.getItem(KEY) ?? '[]');
    } catch {
      return [];
    }
    if (!Array.isArray(parsed)) return [];
    const now = this.now();
    return parsed.filter((e): e is StoredUpload => valid(e) && (e.expiresAt ?? e.savedAt + DEFAULT_KEEP_MS) > now);
  }

  private write(entries: StoredUpload[]): void {
    try {
      if (entries.length) this.storage?.setItem(KEY, JSON.stringify(entries));
      else this.storage?.removeItem(KEY);
    } catch {
      // storage full or off: this upload cannot resume after the tab closes, but it still runs
    }
  }
}

function same(a: FileIdentity, b: FileIdentity): boolean {
  return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;
}

function valid(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as Record<string, unknown>;
  return typeof o['userId'] === 'string' && typeof o['name'] === 'string' && typeof o['size'] === 'number'
    && typeof o['lastModified'] === 'number' && typeof o['sha256'] === 'string' && typeof o['url'] === 'string'
    && typeof o['mediaId'] === 'string' && typeof o['savedAt'] === 'number';
}

function safeLocalStorage(): KeyValue | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
