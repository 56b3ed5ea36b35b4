/**
 * Signs this member's frames for its peers (docs/protocol.md 3.13): each goes out as a `signed`
 * envelope with the member's credential as the server signed it, a sequence number one higher than the
 * last, and the member's signature over both. Twin of protocol/.../PeerFrameSeal.java.
 */
import { signedText } from './peerFrameGate';
import { signText } from './peerKeys';
import { encodeFrame, type SyncFrame } from './syncFrames';

export class PeerFrameSeal {
  private seq = 0;

  /** `key`: the member's private key; `credential` and `serverSignature` as the server sent them. */
  constructor(private readonly key: CryptoKey, private credential: string, private serverSignature: string) {}

  /** A renewed credential for the same key: the sequence numbers go on, as peers keep one window per key. */
  renew(credential: string, serverSignature: string): void {
    this.credential = credential;
    this.serverSignature = serverSignature;
  }

  /** The signed envelope of `frame`, the text to put on the channel (the number is taken at once: calls keep their order). */
  seal(frame: SyncFrame): Promise<string> {
    return this.envelope(encodeFrame(frame), ++this.seq);
  }

  async envelope(frameText: string, seq: number): Promise<string> {
    const sig = await signText(this.key, signedText(seq, frameText));
    return JSON.stringify({ t: 'signed', credential: this.credential, cs: this.serverSignature, seq, frame: frameText, sig });
  }
}
