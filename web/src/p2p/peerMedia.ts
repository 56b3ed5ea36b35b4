/**
 * How a room names "a file Ann shares from her computer" as its media: the timeline's mediaId is
 * `peer:<sharer's member id>/<share id>?n=<name>&s=<size>&t=<type>` (docs/protocol.md, "Peer-to-peer
 * files"). Older clients see an id they cannot play and say so; nothing else in the room changes.
 */
export const PEER_PREFIX = 'peer:';

export interface PeerFile {
  /** The member whose browser has the file and serves it. */
  sharer: string;
  /** Names this share: the signaling session of every transfer of it, and its key in storage. */
  shareId: string;
  name: string;
  size: number;
  type: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** The room's media id is at most 2,048 characters (ControlRules.MAX_MEDIA_ID_LENGTH): a long name is cut. */
const MAX_NAME_CHARS = 300;

export function isPeerMedia(mediaId: string | null | undefined): boolean {
  return typeof mediaId === 'string' && mediaId.startsWith(PEER_PREFIX);
}

export function peerMediaId(f: PeerFile): string {
  const q = new URLSearchParams({ n: f.name.slice(0, MAX_NAME_CHARS), s: String(f.size), t: f.type });
  return `${PEER_PREFIX}${f.sharer}/${f.shareId}?${q.toString()}`;
}

/** The file a `peer:` media id describes, or undefined when it is not one or is malformed. */
export function parsePeerMedia(mediaId: string | null | undefined): PeerFile | undefined {
  if (!isPeerMedia(mediaId)) return undefined;
  const rest = mediaId!.slice(PEER_PREFIX.length);
  const q = rest.indexOf('?');
  const [sharer, shareId, extra] = (q < 0 ? rest : rest.slice(0, q)).split('/');
  if (!sharer || !shareId || extra !== undefined || !ID.test(sharer) || !ID.test(shareId)) return undefined;
  const params = new URLSearchParams(q < 0 ? '' : rest.slice(q + 1));
  const size = Number(params.get('s'));
  const name = params.get('n');
  if (!name || !Number.isSafeInteger(size) || size <= 0) return undefined;
  return { sharer, shareId, name, size, type: params.get('t') ?? '' };
}
