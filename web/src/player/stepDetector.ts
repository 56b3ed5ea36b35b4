/**
 * Whether a video's currentTime moves a frame at a time: of the last readings taken while it played, enough found
 * it where the reading before had it (Chromium's and WebKit's move between any two readings 20 ms apart).
 */
export class StepDetector {
  static readonly WINDOW = 20;
  static readonly STEPPING_AT = 5;
  private still: boolean[] = [];

  /** One reading while playing: did currentTime stand where it was at the reading before? */
  reading(stoodStill: boolean): void {
    this.still.push(stoodStill);
    if (this.still.length > StepDetector.WINDOW) this.still.shift();
  }

  get stepping(): boolean {
    return this.still.filter((s) => s).length >= StepDetector.STEPPING_AT;
  }
}
