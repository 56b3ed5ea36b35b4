/**
 * The microphone's samples, taken on the audio thread (an AudioWorklet) and handed to the page with the
 * context frame each batch began at. The page's main thread may be late by any amount, and a busy one
 * made ScriptProcessorNode drop whole blocks, which shifted every later click by a block (a sound check
 * under load measured clicks 85 ms apart that were not); frames counted here are the audio clock's own,
 * so a late batch is still placed right. Its own module, loaded beside main.js (build.mjs): a worklet
 * cannot be a blob under the page's script-src.
 */
import type { MicBatch } from './micTimeline';

/** 1024 frames (about 21 ms): few messages, and a click is timed by its frame, not the batch's arrival. */
const BATCH_FRAMES = 1024;

// The AudioWorkletGlobalScope's names; lib.dom does not declare them.
declare const currentFrame: number;
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

class MicTap extends AudioWorkletProcessor {
  private batch = new Float32Array(BATCH_FRAMES);
  private filled = 0;
  private batchFrame = 0;

  process(inputs: Float32Array[][]): boolean {
    const samples = inputs[0]?.[0];
    if (!samples) return true; // no microphone data in this quantum: the next batch starts at its own frame
    if (this.filled > 0 && currentFrame !== this.batchFrame + this.filled) this.send(); // a gap: keep batches contiguous
    if (this.filled === 0) this.batchFrame = currentFrame;
    let from = 0;
    while (from < samples.length) {
      const n = Math.min(samples.length - from, BATCH_FRAMES - this.filled);
      this.batch.set(samples.subarray(from, from + n), this.filled);
      this.filled += n;
      from += n;
      if (this.filled === BATCH_FRAMES) {
        this.send();
        this.batchFrame = currentFrame + from;
      }
    }
    return true;
  }

  private send(): void {
    const message: MicBatch = { frame: this.batchFrame, samples: this.batch.slice(0, this.filled) };
    this.port.postMessage(message, [message.samples.buffer]);
    this.filled = 0;
  }
}

registerProcessor('cowatch-mic-tap', MicTap);
