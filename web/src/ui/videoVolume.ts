import { videoVolume } from '../voice/ducking';

/**
 * The film's volume as the viewer set it, apart from what ducking does to it: the controls show and
 * change the viewer's volume, voices lower what the element plays (voice/ducking.ts), and neither
 * overwrites the other.
 */
export class VideoVolume {
  private userVolume: number;
  private duckGain = 1;

  constructor(private readonly video: HTMLVideoElement) {
    this.userVolume = video.volume;
  }

  get user(): number {
    return this.userVolume;
  }

  set user(volume: number) {
    this.userVolume = Math.min(1, Math.max(0, volume));
    this.apply();
  }

  get gain(): number {
    return this.duckGain;
  }

  set gain(gain: number) {
    this.duckGain = gain;
    this.apply();
  }

  private apply(): void {
    const v = videoVolume(this.userVolume, this.duckGain);
    if (Math.abs(this.video.volume - v) > 1e-4) this.video.volume = v;
  }
}
