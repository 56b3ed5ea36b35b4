/**
 * The calibration in the browser: clicks played through a media element, as the film's sound is, and
 * heard either by the microphone or by the person tapping. What is compared is the media element's own
 * clock (the position the engine keeps on the timeline) with the moment the click reaches the ear, so a
 * browser that already delays its picture for slow headphones measures 0 and one that does not, the rest.
 */
import { CLICK_SPACING_MS, clickPositionsMs, clickTrackWav } from './clickTrack';
import { OnsetDetector } from './onsets';
import { dueTimes, type ClockReading } from './clickClock';
import { MicTimeline, type AudioClockReading, type MicBatch } from './micTimeline';
import { estimateDelay, type CalibrationResult } from './calibration';

/** Eight clicks: a sound check of 12 s, with room for a missed tap or a cough. */
export const CLICKS = 8;

/** Plays the click track and maps its clock onto the page's: when each click was due. */
class ClickPlayback {
  private readonly audio = new Audio();
  private readonly url: string;
  /** The media clock, read on every frame while it plays. */
  private readonly readings: ClockReading[] = [];
  private frame = 0;

  constructor() {
    this.url = URL.createObjectURL(new Blob([clickTrackWav(CLICKS) as BlobPart], { type: 'audio/wav' }));
    this.audio.src = this.url;
    this.audio.preload = 'auto';
  }

  /** Resolves when the track ended; the clock mapping is read on every frame meanwhile. */
  async play(): Promise<void> {
    const ended = new Promise<void>((resolve) => this.audio.addEventListener('ended', () => resolve(), { once: true }));
    await this.audio.play();
    const read = () => {
      const position = this.audio.currentTime * 1000;
      if (!this.audio.paused && position > 200) this.readings.push({ positionMs: position, pageMs: performance.now() });
      this.frame = requestAnimationFrame(read);
    };
    this.frame = requestAnimationFrame(read);
    await ended;
    cancelAnimationFrame(this.frame);
  }

  dueMs(): number[] {
    return dueTimes(this.readings, clickPositionsMs(CLICKS));
  }

  close(): void {
    cancelAnimationFrame(this.frame);
    this.audio.pause();
    this.audio.removeAttribute('src');
    URL.revokeObjectURL(this.url);
  }
}

/**
 * Listens with the microphone while the clicks play. Its samples are taken on the audio thread
 * (micTap.worklet.ts) and placed on the page's clock by the audio clock (micTimeline.ts), so a busy page
 * neither loses nor shifts them. What the browser says its microphone path takes (the track's
 * `latency` setting, where it says) is taken off: the sound reached the ear that much before the page had it.
 */
export async function measureByMicrophone(): Promise<CalibrationResult> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
  });
  const context = new AudioContext();
  const playback = new ClickPlayback();
  try {
    await context.resume();
    await context.audioWorklet.addModule(new URL('./micTap.js', import.meta.url));
    const source = context.createMediaStreamSource(stream);
    const tap = new AudioWorkletNode(context, 'cowatch-mic-tap');
    const timeline = new MicTimeline(context.sampleRate);
    tap.port.onmessage = (e: MessageEvent<MicBatch>) => {
      timeline.add(e.data);
      timeline.clock(audioClock(context, e.data));
    };
    source.connect(tap);
    tap.connect(context.destination); // pulled by the graph only when connected; its output is silence
    await playback.play();
    await new Promise((r) => setTimeout(r, CLICK_SPACING_MS / 2)); // the last click's delayed sound
    tap.disconnect();
    source.disconnect();
    tap.port.onmessage = null;
    const detector = new OnsetDetector(context.sampleRate);
    for (const batch of timeline.timed()) detector.feed(batch.samples, batch.firstSampleMs);
    const inputLatencyMs = inputLatency(stream);
    return estimateDelay(playback.dueMs(), detector.onsetsMs.map((t) => t - inputLatencyMs), 'microphone');
  } finally {
    stream.getTracks().forEach((track) => track.stop());
    playback.close();
    void context.close();
  }
}

/**
 * Where the audio context's frames lie on the page's clock: the frame the output plays now and when it is
 * heard, less the output's latency, is when that frame was rendered, and with it the microphone's samples
 * of that frame. Read when a batch arrives, however late: the two figures are taken together. An engine
 * without getOutputTimestamp gets the batch's arrival, which is later by the page's delay.
 */
function audioClock(context: AudioContext, batch: MicBatch): AudioClockReading {
  const stamp = typeof context.getOutputTimestamp === 'function' ? context.getOutputTimestamp() : undefined;
  if (stamp?.contextTime && stamp.performanceTime) {
    const renderAheadMs = ((context.outputLatency ?? 0) + (context.baseLatency ?? 0)) * 1000;
    return { frame: stamp.contextTime * context.sampleRate, pageMs: stamp.performanceTime - renderAheadMs };
  }
  return { frame: batch.frame + batch.samples.length, pageMs: performance.now() };
}

/** The microphone path's latency the browser reports, in ms (0 where it reports none). */
function inputLatency(stream: MediaStream): number {
  const settings = stream.getAudioTracks()[0]?.getSettings() as (MediaTrackSettings & { latency?: number }) | undefined;
  const seconds = settings?.latency;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 && seconds < 1 ? seconds * 1000 : 0;
}

/** The person taps (`tap` is called with each tap's page time) each time they hear a click. */
export async function measureByTapping(taps: () => readonly number[]): Promise<CalibrationResult> {
  const playback = new ClickPlayback();
  try {
    await playback.play();
    return estimateDelay(playback.dueMs(), taps(), 'taps');
  } finally {
    playback.close();
  }
}

/**
 * What the browser says its sound output adds, in ms, where it says (AudioContext.outputLatency): a hint
 * for the person, not a delay to apply by itself, since a browser that knows it may already hold the
 * picture back by as much.
 */
export async function reportedOutputLatencyMs(): Promise<number | undefined> {
  if (typeof AudioContext === 'undefined') return undefined;
  const context = new AudioContext();
  try {
    await new Promise((r) => setTimeout(r, 200)); // outputLatency is 0 until the output has started
    const ms = ((context.outputLatency ?? 0) + (context.baseLatency ?? 0)) * 1000;
    return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : undefined;
  } finally {
    void context.close();
  }
}
