import { describe, expect, it } from 'vitest';
import { ResumeStore, type StoredUpload } from '../src/net/upload/resumeStore';
import { MemoryStorage } from './fakeTus';

const entry = (over: Partial<StoredUpload> = {}): StoredUpload => ({
  userId: 'u1', name: 'a.mp4', size: 10, lastModified: 5, sha256: 'ab', url: '/api/uploads/m1', mediaId: 'm1', savedAt: 0, ...over,
});

describe('ResumeStore', () => {
  it('finds an upload by user, file and content', () => {
    const store = new ResumeStore(new MemoryStorage(), () => 1);
    store.save(entry());
    expect(store.find('u1', { name: 'a.mp4', size: 10, lastModified: 5 }, 'ab')?.url).toBe('/api/uploads/m1');
    expect(store.find('u1', { name: 'a.mp4', size: 10, lastModified: 6 }, 'ab')).toBeUndefined();
    expect(store.find('u1', { name: 'a.mp4', size: 10, lastModified: 5 }, 'cd')).toBeUndefined();
    expect(store.find('u2', { name: 'a.mp4', size: 10, lastModified: 5 }, 'ab')).toBeUndefined();
    expect(store.mayResume('u1', { name: 'a.mp4', size: 10, lastModified: 5 })).toBe(true);
    expect(store.mayResume('u1', { name: 'b.mp4', size: 10, lastModified: 5 })).toBe(false);
  });

  it('drops entries past the server\u2019s expiry, or a week old without one', () => {
    let now = 0;
    const store = new ResumeStore(new MemoryStorage(), () => now);
    store.save(entry({ mediaId: 'a', expiresAt: 1_000 }));
    store.save(entry({ mediaId: 'b', name: 'b.mp4' }));
    now = 1_000;
    expect(store.all().map((e) => e.mediaId)).toEqual(['b']);
    now = 7 * 24 * 3600_000;
    expect(store.all()).toEqual([]);
  });

  it('keeps one entry per upload and forgets by media id', () => {
    const storage = new MemoryStorage();
    const store = new ResumeStore(storage, () => 1);
    store.save(entry());
    store.save(entry({ url: '/api/uploads/m1?again' }));
    expect(store.all()).toHaveLength(1);
    store.forget('m1');
    expect(store.all()).toEqual([]);
    expect(storage.map.size).toBe(0);
  });

  it('ignores what it cannot read', () => {
    const storage = new MemoryStorage();
    storage.setItem('cowatch.uploads', '{not json');
    expect(new ResumeStore(storage).all()).toEqual([]);
    storage.setItem('cowatch.uploads', JSON.stringify([{ mediaId: 'x' }, entry()]));
    expect(new ResumeStore(storage, () => 1).all().map((e) => e.mediaId)).toEqual(['m1']);
  });

  it('goes on when the storage refuses to write (full, or private mode)', () => {
    const full = new MemoryStorage();
    full.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const store = new ResumeStore(full, () => 1);
    expect(() => store.save(entry())).not.toThrow();
    expect(store.all()).toEqual([]);
  });
});
