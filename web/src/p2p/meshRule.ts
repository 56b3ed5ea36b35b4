/**
 * Who meshes with whom (docs/protocol.md 3.12), the twin of protocol/.../PeerMeshRule.java: the shared
 * vectors (protocol/src/test/resources/p2p/mesh-vectors.json) hold both to the same answers. A member's
 * WebRTC offer reveals the addresses of whoever answers it, so a member answers only the offers of the
 * member its mesh pairs it with (the server relays no others either).
 */
import type { MemberView } from '../protocol';
import { MAX_MESH } from './syncFrames';

/** A member as the rule sees it: one of Cowatch's own apps (`webRtc`), its connection up (`connected`). */
export interface Seat {
  readonly id: string;
  readonly webRtc: boolean;
  readonly connected: boolean;
}

export function seats(members: readonly MemberView[]): Seat[] {
  return members.map((m) => ({ id: m.id, webRtc: !m.client, connected: m.connection === 'connected' }));
}

/** How many members the mesh of `me` would join: `me` and the other connected members of Cowatch's own apps. */
export function meshSizeOf(members: readonly Seat[], me: string | undefined): number {
  return members.filter((m) => m.webRtc && m.connected && m.id !== me).length + 1;
}

/**
 * Whether `offerer` may offer `answerer` a `sync` connection: both of Cowatch's own apps, the answerer
 * connected, the mesh at most MAX_MESH, and the offerer's id sorting first.
 */
export function meshPairs(members: readonly Seat[], offerer: string, answerer: string): boolean {
  if (!(offerer < answerer)) return false;
  const from = members.find((m) => m.id === offerer);
  const to = members.find((m) => m.id === answerer);
  if (!from || !to || !from.webRtc || !to.webRtc) return false;
  // The offerer counts itself whatever the list says of its connection: the answerer's list may lag.
  return to.connected && meshSizeOf(members, offerer) <= MAX_MESH;
}
