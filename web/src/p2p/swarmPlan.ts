/**
 * Where a receiver of a shared file gets each chunk when several receive it at once (a swarm), so that the
 * sharer uploads each chunk about once. Every receiver asks the sharer for what it misses, in playback order;
 * the sharer sends each chunk to the first receiver that asks for it and points the others to that one
 * (`elsewhere`, fileSharer.ts). A receiver then takes that chunk from the fellow that has it, once the fellow
 * says so; the stretch just ahead of its player it asks of the sharer directly (playback never waits for a
 * fellow), and all it waits for when nothing has arrived for a while (a fellow stalled or left). A chunk from a
 * fellow counts only if it matches the hash the sharer gave for it (fileFetcher.ts). Pure: the fetcher says
 * what it knows.
 */

/** Chunks just ahead of the player asked of the sharer directly, whoever has them: 1 MiB, over a second of a film. */
export const URGENT_CHUNKS = 16;
/** A swarm that got nothing this long asks the sharer directly for what it waits for. */
export const SWARM_STALL_MS = 3_000;

export type Source =
  /** Ask the sharer (it may point to a fellow instead). */
  | { readonly from: 'sharer' }
  /** Ask the sharer to send it whoever has it. */
  | { readonly from: 'sharerDirect' }
  | { readonly from: 'peer'; readonly peer: string }
  | { readonly from: 'wait' };

export interface SwarmView {
  /** The fellow receivers the sharer named (this one left out). */
  readonly fellows: readonly string[];
  /** The chunk the player is at. */
  readonly playheadChunk: number;
  /** The fellow the sharer pointed to for chunk `i`, if it did. */
  pointedTo(i: number): string | undefined;
  /** Whether fellow `peer` said it has chunk `i` and may be asked (its link is open, it sent no bad chunk, it has room). */
  peerHas(peer: string, i: number): boolean;
  /** Whether the sharer's hash of chunk `i` is known here (a fellow's chunk is checked against it). */
  hashKnown(i: number): boolean;
  /** Nothing arrived for SWARM_STALL_MS. */
  readonly stalled: boolean;
}

export function sourceOf(i: number, v: SwarmView): Source {
  const holder = v.pointedTo(i);
  if (holder === undefined || !v.fellows.includes(holder)) return { from: 'sharer' };
  if (v.hashKnown(i)) {
    if (v.peerHas(holder, i)) return { from: 'peer', peer: holder };
    const any = v.fellows.find((p) => v.peerHas(p, i));
    if (any) return { from: 'peer', peer: any };
  }
  const urgent = i >= v.playheadChunk && i < v.playheadChunk + URGENT_CHUNKS;
  return urgent || v.stalled ? { from: 'sharerDirect' } : { from: 'wait' };
}
