import { chooseMainVideo, type VideoCandidate } from './mainVideo';

/** How deep nested documents (iframes in iframes) and shadow roots are searched. */
const MAX_DEPTH = 6;

/**
 * Every <video> of the page: in the document, inside open shadow roots and in same-origin iframes
 * (a cross-origin frame's document is not readable and is skipped).
 */
export function findVideos(root: Document | ShadowRoot = document, depth = 0, out: HTMLVideoElement[] = []): HTMLVideoElement[] {
  if (depth > MAX_DEPTH) return out;
  // Not instanceof: a frame's document belongs to the frame's own realm, with its own Document.
  const doc = root.nodeType === Node.DOCUMENT_NODE ? (root as Document) : (root as ShadowRoot).ownerDocument;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node as Element;
    if (el.tagName === 'VIDEO') out.push(el as HTMLVideoElement);
    if (el.shadowRoot) findVideos(el.shadowRoot, depth + 1, out);
    if (el.tagName === 'IFRAME') {
      let doc: Document | null = null;
      try {
        doc = (el as HTMLIFrameElement).contentDocument;
      } catch {
        doc = null; // cross-origin
      }
      if (doc) findVideos(doc, depth + 1, out);
    }
  }
  return out;
}

function candidate(v: HTMLVideoElement): VideoCandidate {
  const r = v.getBoundingClientRect();
  return { area: r.width * r.height, playing: !v.paused && !v.ended, hasSource: !!v.currentSrc || !!v.src || v.readyState > 0 };
}

/** The page's main video now, or undefined. */
export function mainVideo(): HTMLVideoElement | undefined {
  const videos = findVideos();
  const i = chooseMainVideo(videos.map(candidate));
  return i < 0 ? undefined : videos[i];
}
