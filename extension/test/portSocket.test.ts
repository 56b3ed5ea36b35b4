import { afterEach, describe, expect, it, vi } from 'vitest';
import { PortSocket, SOCKET_PORT } from '../src/content/portSocket';

/** A runtime port as the background's end would drive it. */
function fakePort() {
  const sent: unknown[] = [];
  let onMessage: (m: unknown) => void = () => undefined;
  let onDisconnect: () => void = () => undefined;
  const port = {
    name: SOCKET_PORT,
    postMessage: (m: unknown) => sent.push(m),
    disconnect: vi.fn(),
    onMessage: { addListener: (cb: (m: unknown) => void) => (onMessage = cb) },
    onDisconnect: { addListener: (cb: () => void) => (onDisconnect = cb) },
  };
  return { port, sent, fromBackground: (m: unknown) => onMessage(m), gone: () => onDisconnect() };
}

describe('PortSocket', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the background for the URL, then passes frames both ways and the close', () => {
    const f = fakePort();
    vi.stubGlobal('chrome', { runtime: { connect: () => f.port } });
    const s = new PortSocket('ws://127.0.0.1:8080/ws/rooms/abc');
    const seen: string[] = [];
    s.onopen = () => seen.push('open');
    s.onmessage = (e) => seen.push(`message ${String(e.data)}`);
    s.onclose = (e) => seen.push(`close ${e.code}`);
    expect(f.sent).toEqual([{ t: 'connect', url: 'ws://127.0.0.1:8080/ws/rooms/abc' }]);
    f.fromBackground({ t: 'open' });
    s.send('{"type":"ping"}');
    f.fromBackground({ t: 'message', data: '{"type":"pong"}' });
    f.fromBackground({ t: 'close', code: 4001, reason: 'x' });
    s.send('after the close');
    expect(seen).toEqual(['open', 'message {"type":"pong"}', 'close 4001']);
    expect(f.sent).toEqual([{ t: 'connect', url: 'ws://127.0.0.1:8080/ws/rooms/abc' }, { t: 'send', data: '{"type":"ping"}' }]);
  });

  it('reads a background that went away as a lost connection, once', () => {
    const f = fakePort();
    vi.stubGlobal('chrome', { runtime: { connect: () => f.port } });
    const s = new PortSocket('ws://x/ws/rooms/a');
    const codes: number[] = [];
    s.onclose = (e) => codes.push(e.code);
    f.gone();
    f.gone();
    s.close();
    expect(codes).toEqual([1006]);
  });
});
