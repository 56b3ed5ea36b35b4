import { loadSettings } from './shared/settings';

/** Limits a content script cannot lift: one frame's size (the server's own limit is 16 KiB by default). */
const MAX_FRAME_CHARS = 1 << 20;

/**
 * The background's half of content/portSocket.ts: a WebSocket per port, only to the configured Cowatch
 * server's room sockets (a content script cannot make the background connect anywhere else).
 */
export function relaySocket(port: chrome.runtime.Port): void {
  let socket: WebSocket | undefined;
  port.onMessage.addListener((m) => {
    const msg = m as { t?: string; url?: unknown; data?: unknown; code?: unknown; reason?: unknown };
    if (msg.t === 'connect' && typeof msg.url === 'string' && !socket) {
      void allowed(msg.url).then((ok) => {
        if (!ok) {
          port.postMessage({ t: 'close', code: 1008, reason: 'not the configured Cowatch server' });
          return;
        }
        const ws = new WebSocket(msg.url as string);
        socket = ws;
        ws.onopen = () => port.postMessage({ t: 'open' });
        ws.onmessage = (e) => {
          if (typeof e.data === 'string' && e.data.length <= MAX_FRAME_CHARS) port.postMessage({ t: 'message', data: e.data });
        };
        ws.onclose = (e) => {
          try {
            port.postMessage({ t: 'close', code: e.code, reason: e.reason });
          } catch {
            // the content script is gone
          }
        };
      });
    } else if (msg.t === 'send' && typeof msg.data === 'string' && msg.data.length <= MAX_FRAME_CHARS) {
      if (socket?.readyState === WebSocket.OPEN) socket.send(msg.data);
    } else if (msg.t === 'close') {
      socket?.close(typeof msg.code === 'number' && (msg.code === 1000 || (msg.code >= 3000 && msg.code <= 4999)) ? msg.code : 1000);
    }
  });
  port.onDisconnect.addListener(() => socket?.close(1000));
}

async function allowed(url: string): Promise<boolean> {
  try {
    const u = new URL(url);
    const server = new URL((await loadSettings()).server);
    const scheme = server.protocol === 'https:' ? 'wss:' : 'ws:';
    return u.protocol === scheme && u.host === server.host && u.pathname.startsWith('/ws/rooms/');
  } catch {
    return false;
  }
}
