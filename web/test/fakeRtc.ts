/**
 * A stand-in for the browser's RTCPeerConnection in node: records each connection's configuration and
 * answers offers with a fixed SDP, enough to see which connections the p2p code makes and how.
 */
export class FakePeerConnection {
  static made: FakePeerConnection[] = [];
  localDescription: { type: string; sdp: string } | null = null;
  connectionState = 'new';
  onicecandidate: unknown = null;
  ondatachannel: unknown = null;
  onconnectionstatechange: unknown = null;
  closed = false;

  constructor(readonly config: RTCConfiguration) {
    FakePeerConnection.made.push(this);
  }

  /** The channels this connection made, to open and to talk through in a test. */
  readonly channels: FakeChannel[] = [];

  createDataChannel(label: string): FakeChannel {
    const channel = new FakeChannel(label);
    this.channels.push(channel);
    return channel;
  }

  async createOffer(): Promise<{ type: string; sdp: string }> {
    return { type: 'offer', sdp: 'v=0 offer' };
  }

  async createAnswer(): Promise<{ type: string; sdp: string }> {
    return { type: 'answer', sdp: 'v=0 answer' };
  }

  async setLocalDescription(d: { type: string; sdp: string }): Promise<void> {
    this.localDescription = d;
  }

  async setRemoteDescription(): Promise<void> {}

  async addIceCandidate(): Promise<void> {}

  close(): void {
    this.closed = true;
  }
}

/** A data channel that keeps what is sent on it; a test opens it and hands it messages through `onmessage`. */
export class FakeChannel {
  readyState = 'connecting';
  binaryType = 'blob';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  readonly sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;

  constructor(readonly label: string) {}

  send(data: unknown): void {
    this.sent.push(data);
  }

  addEventListener(): void {}

  close(): void {
    this.readyState = 'closed';
  }

  /** The channel opens. */
  open(): void {
    this.readyState = 'open';
    this.onopen?.();
  }

  /** The other side sent `data`. */
  receive(data: unknown): void {
    this.onmessage?.({ data });
  }
}

/** Puts the fake (and a `window` for the p2p hooks) on the global object; returns the list of connections made. */
export function installFakeRtc(): FakePeerConnection[] {
  FakePeerConnection.made = [];
  const g = globalThis as unknown as Record<string, unknown>;
  g.RTCPeerConnection = FakePeerConnection;
  g.window ??= globalThis;
  return FakePeerConnection.made;
}
