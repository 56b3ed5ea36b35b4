import { describe, expect, it } from 'vitest';
import { Sha256 } from '../src/net/upload/sha256';

const ascii = (s: string) => new TextEncoder().encode(s);

/** Web Crypto's one-shot digest, the reference. */
async function reference(data: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A deterministic byte sequence (xorshift), so a failure can be reproduced. */
function bytes(n: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  let x = seed | 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('Sha256', () => {
  it('gives the FIPS 180-4 example digests', () => {
    expect(new Sha256().hex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(new Sha256().update(ascii('abc')).hex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(new Sha256().update(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).hex())
      .toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('hashes a million a\u2019s fed in uneven pieces', () => {
    const h = new Sha256();
    const a = new Uint8Array(1_000_000).fill(0x61);
    for (let at = 0, step = 1; at < a.length; at += step, step = (step * 7 + 3) % 9_973 + 1) h.update(a.subarray(at, Math.min(a.length, at + step)));
    expect(h.hex()).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with Web Crypto around every padding boundary', async () => {
    for (let n = 0; n <= 200; n++) {
      const data = bytes(n, n + 1);
      expect(new Sha256().update(data).hex(), `${n} bytes`).toBe(await reference(data));
    }
  });

  it('gives the same digest however the input is split', async () => {
    const data = bytes(100_003, 42);
    const whole = await reference(data);
    for (const piece of [1, 63, 64, 65, 4096, 99_999]) {
      const h = new Sha256();
      for (let at = 0; at < data.length; at += piece) h.update(data.subarray(at, at + piece));
      expect(h.hex(), `pieces of ${piece}`).toBe(whole);
    }
  });

  it('refuses input after the digest', () => {
    const h = new Sha256();
    h.hex();
    expect(() => h.update(ascii('x'))).toThrow(/after digest/);
  });
});
