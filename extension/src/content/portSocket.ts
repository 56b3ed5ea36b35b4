import type { SocketLike } from '../../../web/src/net/roomClient';

/** The runtime port's name the background answers with a WebSocket of its own (background.ts). */
export const SOCKET_PORT = 'cowatch-socket';

/** What goes over the port: the first message from here names the URL; then text frames both ways. */
export type PortIn = { readonly t: 'open' } | { readonly t: 'message'; readonly data: string } | { readonly t: 'close'; readonly code: number; readonly reason: string };

/**
 * The room's socket held by the background, for Firefox: Firefox holds a content script's WebSocket to the
 * page's content security policy (a site with `connect-src 'self'` blocks it: NS_ERROR_CONTENT_BLOCKED),
 * the background is bound by no page. Frames go over a runtime port; the RoomClient sees a WebSocket.
 */
export class PortSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  private readonly port: chrome.runtime.Port;
  private closed = false;

  constructor(url: string) {
    this.port = chrome.runtime.connect({ name: SOCKET_PORT });
    this.port.onMessage.addListener((m) => {
      const msg = m as PortIn;
      if (msg.t === 'open') this.onopen?.({});
      else if (msg.t === 'message') this.onmessage?.({ data: msg.data });
      else if (msg.t === 'close') this.finish(msg.code, msg.reason);
    });
    // The background went away (reloaded, suspended): as a lost connection, which the client resumes.
    this.port.onDisconnect.addListener(() => this.finish(1006, 'extension background gone'));
    this.port.postMessage({ t: 'connect', url });
  }

  send(text: string): void {
    if (!this.closed) this.port.postMessage({ t: 'send', data: text });
  }

  close(code?: number, reason?: string): void {
    if (this.closed) return;
    this.port.postMessage({ t: 'close', code: code ?? 1000, reason: reason ?? '' });
    this.finish(code ?? 1000, reason ?? '');
    this.port.disconnect();
  }

  private finish(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.({ code, reason });
  }
}

/** Firefox's extension pages live at moz-extension: there the socket goes through the background. */
export function socketThroughBackground(): boolean {
  return chrome.runtime.getURL('').startsWith('moz-extension:');
}
