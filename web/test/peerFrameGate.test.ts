import { describe, expect, it } from 'vitest';
import { PeerFrameGate } from '../src/p2p/peerFrameGate';
import { PeerFrameSeal } from '../src/p2p/peerFrameSeal';
import { decodePublicKey, encodePublicKey, fromBase64Url, generatePeerKeys, signText, verifyText } from '../src/p2p/peerKeys';
import file from '../../protocol/src/test/resources/p2p/peer-credential-vectors.json';

/** The same vectors protocol/.../PeerCredentialVectorsTest.java runs on PeerFrameGate: both sides take and refuse the same frames. */
const vectors = file as unknown as {
  room: string;
  nowMs: number;
  serverKey: string;
  memberKeys: Record<string, string>;
  credentials: Record<string, { text: string; signature: string }>;
  cases: { name: string; steps: { from: string; text: string; why?: string;
    expect: { frame: unknown; signer: string; name: string; role: string } | null }[] }[];
};

async function gate(): Promise<PeerFrameGate> {
  return new PeerFrameGate((await decodePublicKey(vectors.serverKey))!, vectors.room);
}

async function privateKey(member: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', fromBase64Url(vectors.memberKeys[member]!)!, { name: 'ECDSA', namedCurve: 'P-256' },
    false, ['sign']);
}

describe('the shared signed frame vectors', () => {
  it('has them, refusals among them', () => {
    expect(vectors.cases.length).toBeGreaterThan(25);
    expect(vectors.cases.flatMap((c) => c.steps).filter((s) => s.expect === null).length).toBeGreaterThan(15);
  });
  for (const c of vectors.cases) {
    it(c.name, async () => {
      const g = await gate();
      for (const step of c.steps) {
        const opened = await g.open(step.from, step.text, vectors.nowMs);
        if (step.expect === null) {
          expect(opened).toEqual({ ok: false, why: step.why });
          continue;
        }
        expect(opened.ok, JSON.stringify(opened)).toBe(true);
        if (!opened.ok) return;
        expect(opened.frame).toEqual(step.expect.frame);
        expect([opened.signer.memberId, opened.signer.name, opened.signer.role])
          .toEqual([step.expect.signer, step.expect.name, step.expect.role]);
        expect(opened.envelope).toBe(step.text);
      }
    });
  }
});

describe('peer frames sealed here', () => {
  it('open here with the credential name, once', async () => {
    const cred = vectors.credentials['m-mal']!;
    const seal = new PeerFrameSeal(await privateKey('m-mal'), cred.text, cred.signature);
    const g = await gate();
    const line = { t: 'chat' as const, lineId: 'l-9', memberId: 'm-mal', name: 'Owner', text: 'hi', atMs: vectors.nowMs };

    const text = await seal.seal(line);
    const first = await g.open('m-ben', text, vectors.nowMs);
    const again = await g.open('m-ben', text, vectors.nowMs);

    expect(first.ok && first.frame).toEqual({ ...line, name: 'Mallory' });
    expect(first.ok && first.signer.role).toBe('guest');
    expect(again).toEqual({ ok: false, why: 'sequence number 1 seen before' });
  });

  it('refuse a frame signed with a key of this page that the server never vouched for', async () => {
    const cred = vectors.credentials['m-mal']!;
    const own = await generatePeerKeys();
    const seal = new PeerFrameSeal(own.privateKey, cred.text, cred.signature);

    const opened = await (await gate()).open('m-mal', await seal.seal({ t: 'ping', t0: 1 }), vectors.nowMs);

    expect(opened).toEqual({ ok: false, why: "the signature is not the member's" });
  });

  it('keys: a page key exports as SPKI that imports back and verifies its own P1363 signature', async () => {
    const keys = await generatePeerKeys();
    const spki = await encodePublicKey(keys.publicKey);
    const back = (await decodePublicKey(spki))!;
    const sig = await signText(keys.privateKey, 'm');

    expect(sig).toHaveLength(86);
    expect(await verifyText(back, 'm', sig)).toBe(true);
    expect(await verifyText(back, 'n', sig)).toBe(false);
    expect(await decodePublicKey('not+base64')).toBeUndefined();
  });
});
