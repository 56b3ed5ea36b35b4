/**
 * The headers the service worker (sw.ts) puts on a shared file's bytes at /p2p/<shareId>, on Cowatch's own origin.
 * The type is the one the sharer's browser declared, which any peer can make up: a file said to be text/html or
 * image/svg+xml, opened as a page, would run the sharer's script where the viewer's tokens are (issue 51,
 * finding 3). So only a plain video or audio type is kept; anything else is a download of no type. Every answer
 * also says "take the type as sent" and, should the bytes be opened as a document anyway, "no script, nothing
 * loaded, no origin": the same rule and headers as the server's media answers (docs/api.md "Media").
 */

/** A plain video or audio type, no parameters: as the server's ServedType. */
const PLAYABLE = /^(?:video|audio)\/[a-z0-9][a-z0-9.+-]{0,100}$/;
export const UNCHECKED_TYPE = 'application/octet-stream';
export const MEDIA_CSP = "sandbox; default-src 'none'";

/** nosniff and the sandbox: on every answer for /p2p/, bytes or not. */
export function guardHeaders(): Record<string, string> {
  return { 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': MEDIA_CSP };
}

/** The type to serve a shared file as, and Content-Disposition: attachment when its declared type is not kept. */
export function sharedFileType(declared: string | undefined): Record<string, string> {
  return declared !== undefined && PLAYABLE.test(declared)
    ? { 'Content-Type': declared }
    : { 'Content-Type': UNCHECKED_TYPE, 'Content-Disposition': 'attachment' };
}
