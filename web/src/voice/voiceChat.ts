/**
 * Voice while watching (docs/protocol.md 3.12, "Voice"): one audio track each way on every
 * connection of the sync mesh, so talking needs no connection of its own and follows the mesh's
 * limits, signaling and ICE servers (TURN included). Every connection carries an audio transceiver
 * from the start; turning the microphone on or off only swaps the track it sends (replaceTrack), so
 * nothing is negotiated again. Whoever hears a voice measures it (speaking.ts) and lowers the film
 * (ducking.ts): no message says who speaks. The rules are pure and tested; this is the wiring.
 */
import type { MeshMedia } from '../p2p/peerMesh';
import { nextGain } from './ducking';
import { rmsDb, SpeakingDetector } from './speaking';
import { microphoneRefusal, transmitting, type MicMode, type VoiceRefusal } from './voiceRules';

/** How often levels are measured: the detector's attack (120 ms) spans two to three measurements. */
const TICK_MS = 50;
const ANALYSER_SIZE = 1024;

interface Voice {
  readonly detector: SpeakingDetector;
  analyser: AnalyserNode | undefined;
  source: MediaStreamAudioSourceNode | undefined;
  /** The analyser's samples, read into the same buffer every tick. */
  samples: Float32Array<ArrayBuffer> | undefined;
}

interface RemoteVoice extends Voice {
  readonly transceiver: RTCRtpTransceiver;
  readonly stream: MediaStream;
  /** Plays the peer's voice. Chromium also feeds a remote track to Web Audio only while an element plays it. */
  readonly element: HTMLAudioElement;
}

interface LocalVoice extends Voice {
  readonly track: MediaStreamTrack;
}

export interface VoiceHost {
  readonly memberId: string | undefined;
  /** Whether the viewer lets voices lower the film (remembered per browser). */
  duckingEnabled(): boolean;
  /** The film's gain changed (1: the viewer's own volume). */
  gain(gain: number): void;
  /** Who speaks changed, or the microphone went on or off. */
  changed(): void;
}

export class VoiceChat implements MeshMedia {
  private readonly remotes = new Map<string, RemoteVoice>();
  private local: LocalVoice | undefined;
  private context: AudioContext | undefined;
  private mode: MicMode = 'open';
  private held = false;
  private filmGain = 1;
  private lastTick = performance.now();
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly speakingNow = new Set<string>();

  constructor(private readonly host: VoiceHost) {
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  /** Members heard speaking now (this member too, while its voice goes out). */
  get speaking(): ReadonlySet<string> {
    return this.speakingNow;
  }

  get micOn(): boolean {
    return this.local !== undefined;
  }

  get sending(): boolean {
    return transmitting(this.mode, this.micOn, this.held);
  }

  /** The peers this member has an audio path to (for the browser tests and the console). */
  get connected(): string[] {
    return [...this.remotes.keys()];
  }

  /** The audio a peer sends (for the browser tests, which measure it with an analyser of their own). */
  remoteStream(peer: string): MediaStream | undefined {
    return this.remotes.get(peer)?.stream;
  }

  // ---- MeshMedia: the mesh's connections ------------------------------------------------------

  prepare(peer: string, pc: RTCPeerConnection, side: 'offer' | 'answer'): void {
    this.gone(peer);
    const transceiver = side === 'offer'
      ? pc.addTransceiver('audio', { direction: 'sendrecv' })
      : pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio');
    if (!transceiver) return; // a peer whose app has no voice: the sync channel works as before
    transceiver.direction = 'sendrecv';
    if (this.local) void transceiver.sender.replaceTrack(this.local.track).catch(() => undefined);
    const stream = new MediaStream([transceiver.receiver.track]);
    const element = new Audio();
    element.srcObject = stream;
    void element.play().catch(() => undefined); // blocked until a gesture: resumed by resumeAudio()
    this.remotes.set(peer, { transceiver, stream, element, detector: new SpeakingDetector(), analyser: undefined, source: undefined,
      samples: undefined });
  }

  gone(peer: string): void {
    const r = this.remotes.get(peer);
    if (!r) return;
    this.remotes.delete(peer);
    r.element.srcObject = null;
    r.source?.disconnect();
    if (this.speakingNow.delete(peer)) this.host.changed();
  }

  // ---- the microphone --------------------------------------------------------------------------

  setMode(mode: MicMode): void {
    this.mode = mode;
    this.held = false;
    this.applySending();
  }

  /** Push-to-talk's button or key is held (true) or let go (false). */
  setHeld(held: boolean): void {
    this.held = held;
    this.applySending();
  }

  /** Asks for the microphone (the browser may ask the person) and sends it to every peer; null when it worked. */
  async turnOn(): Promise<VoiceRefusal | null> {
    this.resumeAudio();
    if (this.local) return null;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
    } catch (e) {
      const err = e as { name?: string; message?: string };
      return microphoneRefusal(err.name ?? '', err.message ?? String(e));
    }
    const track = stream.getAudioTracks()[0];
    if (!track) return { reason: 'noDevice' };
    if (this.local) { // turned on twice while the browser asked: keep the first
      track.stop();
      return null;
    }
    this.local = { track, detector: new SpeakingDetector(), analyser: undefined, source: undefined, samples: undefined };
    track.addEventListener('ended', () => this.turnOff()); // unplugged, or permission taken back
    this.applySending();
    for (const r of this.remotes.values()) void r.transceiver.sender.replaceTrack(track).catch(() => undefined);
    this.host.changed();
    return null;
  }

  turnOff(): void {
    const local = this.local;
    if (!local) return;
    this.local = undefined;
    for (const r of this.remotes.values()) void r.transceiver.sender.replaceTrack(null).catch(() => undefined);
    local.source?.disconnect();
    local.track.stop();
    const me = this.host.memberId;
    if (me) this.speakingNow.delete(me);
    this.host.changed();
  }

  /** Audio may start only after a gesture in the page: called from the page's clicks. */
  resumeAudio(): void {
    void this.context?.resume().catch(() => undefined);
    for (const r of this.remotes.values()) if (r.element.paused) void r.element.play().catch(() => undefined);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.turnOff();
    for (const peer of [...this.remotes.keys()]) this.gone(peer);
    void this.context?.close().catch(() => undefined);
  }

  private applySending(): void {
    if (this.local) this.local.track.enabled = this.sending;
    this.host.changed();
  }

  // ---- levels, speaking, ducking ---------------------------------------------------------------

  private tick(): void {
    const now = performance.now();
    let changed = false;
    for (const [peer, r] of this.remotes) changed = this.measure(peer, r, r.stream, now) || changed;
    const me = this.host.memberId;
    if (this.local && me) changed = this.measure(me, this.local, undefined, now) || changed;
    const othersSpeak = [...this.speakingNow].some((id) => id !== me);
    const gain = nextGain(this.filmGain, othersSpeak, this.host.duckingEnabled(), now - this.lastTick);
    this.lastTick = now;
    if (gain !== this.filmGain) {
      this.filmGain = gain;
      this.host.gain(gain);
    }
    if (changed) this.host.changed();
  }

  /** Measures one voice; true when its speaking state changed. */
  private measure(id: string, v: Voice, remote: MediaStream | undefined, now: number): boolean {
    const analyser = v.analyser ?? this.analyse(v, remote);
    if (!analyser) return false;
    const samples = v.samples ??= new Float32Array(analyser.fftSize);
    analyser.getFloatTimeDomainData(samples);
    const level = v === this.local && !this.sending ? -Infinity : rmsDb(samples);
    const speaking = v.detector.sample(level, now);
    if (speaking === this.speakingNow.has(id)) return false;
    if (speaking) this.speakingNow.add(id);
    else this.speakingNow.delete(id);
    return true;
  }

  private analyse(v: Voice, remote: MediaStream | undefined): AnalyserNode | undefined {
    try {
      this.context ??= new AudioContext();
      const stream = remote ?? new MediaStream([(v as LocalVoice).track]);
      v.source = this.context.createMediaStreamSource(stream);
      v.analyser = this.context.createAnalyser();
      v.analyser.fftSize = ANALYSER_SIZE;
      v.source.connect(v.analyser); // not to the speakers: the element plays a peer, and one's own voice is not played back
      return v.analyser;
    } catch {
      return undefined; // no Web Audio: no speaking indicator, the voice still plays
    }
  }
}
