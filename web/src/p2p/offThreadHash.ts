/**
 * A whole file's SHA-256 computed in a worker (hashWorker.ts), one worker per file: the sharer's file
 * from its Blob, a received file from the chunks stored in IndexedDB.
 */
export type HashJob = { kind: 'blob'; blob: Blob } | { kind: 'stored'; shareId: string; count: number };
export type HashAnswer = { sha256: string } | { error: string };

export interface HashRun {
  readonly result: Promise<string>;
  /** Ends the worker (the share stopped): the result never comes. */
  cancel(): void;
}

export function hashOffThread(job: HashJob): HashRun {
  // The bundler emits the worker next to the page's scripts (build.mjs), as a module: it imports chunks.
  const worker = new Worker(new URL('./hashWorker.js', import.meta.url), { type: 'module', name: 'sha256' });
  const result = new Promise<string>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<HashAnswer>) => {
      worker.terminate();
      if ('sha256' in e.data) resolve(e.data.sha256);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(`the hashing worker failed: ${e.message}`));
    };
  });
  worker.postMessage(job);
  return { result, cancel: () => worker.terminate() };
}
