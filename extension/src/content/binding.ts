import { PlayerSync } from '../../../web/src/engine/playerSync';
import type { Player } from '../../../web/src/player/playerView';
import { TOLERANCES } from '../../../web/src/engine/tolerances';
import type { RoomClient } from '../../../web/src/net/roomClient';
import { HtmlVideoPlayer } from '../../../web/src/player/htmlVideoPlayer';
import { browserMadeIt, pageState } from '../../../web/src/player/browserPause';
import { mainVideo } from './findVideos';
import { GestureFirstPlayer } from './gestureFirst';
import { SitePlayer } from './sitePlayer';
import { FilmTime, type AdBreak } from '../shared/adBreaks';

/** How often the page is searched for its main video (a re-created <video> is found within this). */
const SCAN_MS = 250;
/** HAVE_FUTURE_DATA: a new video can play on from here. */
const HAVE_FUTURE_DATA = 3;

/**
 * Binds the page's main video to the room: a generic adapter on the element, or the site's
 * adapter in the page's world when one announced itself. Follows the site when it replaces the
 * element (between episodes, around ads): while there is no video the member reports buffering,
 * so the room's buffering policy decides whether the others wait, and ready once the new one can play.
 */
export class VideoBinding {
  private video: HTMLVideoElement | undefined;
  private driver: Player | undefined;
  private sync: PlayerSync | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** The bound video went away and buffering was reported: ready is owed when a new one can play. */
  private gone = false;
  /**
   * The bound element was seen able to play (not seeking): from then on its events can be gestures. Asked when it
   * matters ({@link isSettled}), not only on the scan: a person who played within a scan's 250 ms of the binding
   * (the moment after "Watch this page together", or after the site's adapter announced itself) had the play taken
   * for the site's and undone.
   */
  private settled = false;
  /** The site's player shows an ad (its adapter said so, or the video is inside an ad break of the stream). */
  private ad = false;
  /** The adapter said an ad plays. */
  private adapterAd = false;
  /** The stream's ad breaks and the site player's buffering, as the adapter last said. */
  private filmTime = FilmTime.NONE;
  private siteBusy = false;
  /** The site adapter running in the page's world, once it said so. */
  private adapterName: string | undefined;
  /** Called when the browser refused to start playback until the person clicks in the page. */
  onBlocked: (() => void) | undefined;

  /** The person's sound delay (the popup's setting, the web app's twin): every bound player keeps the sound on the timeline. */
  private soundDelayMs = 0;

  constructor(private readonly client: RoomClient) {}

  /** A new sound delay from the popup, for the player bound now and those bound later. */
  setSoundDelay(ms: number): void {
    this.soundDelayMs = ms;
    if (this.sync) this.sync.soundDelayMs = ms;
  }

  get kind(): 'none' | 'element' | 'site' {
    if (!this.driver) return 'none';
    return this.driver instanceof SitePlayer ? 'site' : 'element';
  }

  get boundVideo(): HTMLVideoElement | undefined {
    return this.video;
  }

  get engine(): PlayerSync | undefined {
    return this.sync;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** The page's site adapter announced itself: drive the player through it from now on. */
  useSiteAdapter(name: string): void {
    if (this.adapterName === name) return;
    this.adapterName = name;
    if (this.video) this.rebind(this.video);
  }

  /**
   * The site's adapter says an ad started or ended. During the ad this member reports buffering (the room
   * waits for it, or not, by its policy) and leaves the player to the site; after it, ready, and a new engine
   * puts the video back onto the room's timeline, wherever that went meanwhile.
   */
  setAdPlaying(playing: boolean): void {
    this.adapterAd = playing;
    this.updateAd();
  }

  /** The ads spliced into the stream (the adapter's reading of its player's manifest). */
  setAdBreaks(breaks: readonly AdBreak[]): void {
    const next = new FilmTime(breaks);
    if (next.sameAs(this.filmTime)) return;
    this.filmTime = next;
    if (this.driver instanceof SitePlayer) this.driver.filmTime = next;
    this.updateAd();
  }

  /** Whether the site's player is fetching what it needs to go on (a seek, a quality switch). */
  setSiteBusy(busy: boolean): void {
    if (busy === this.siteBusy) return;
    this.siteBusy = busy;
    if (!(this.driver instanceof SitePlayer)) return;
    this.driver.siteBusy = busy;
    // A player that holds playback while it fetches (Shaka Player sets the element's rate to 0 and fires no
    // 'waiting') stalls all the same: the engine hears it as the element's own stall, and reports buffering when it
    // lasts, so the room waits by its policy instead of running on without this viewer.
    if (!busy) this.driver.restoreRate();
    if (!this.ad && this.sync) {
      const v = this.driver.view();
      this.sync.onEvent(busy ? 'waiting' : 'playing', v.localTimeMs, v.positionMs, v.rate, v.paused);
    }
  }

  /** An ad plays when the adapter says so, or while the video is inside one of the stream's breaks. */
  private updateAd(): void {
    const inBreak = this.driver instanceof SitePlayer && this.driver.inBreak();
    const playing = this.adapterAd || inBreak;
    if (playing === this.ad) return;
    this.ad = playing;
    if (playing) {
      this.sync?.stop();
      this.client.buffering();
    } else {
      this.client.ready();
      // A fresh engine: the stopped one still believes the video plays as it left it, and would take the
      // pause the ad caused for the person's gesture when it read the video again.
      if (this.video) this.rebind(this.video);
    }
  }

  get adPlaying(): boolean {
    return this.ad;
  }

  /** An answer from the site adapter to a command. */
  get sitePlayer(): SitePlayer | undefined {
    return this.driver instanceof SitePlayer ? this.driver : undefined;
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.scan(), SCAN_MS);
    this.scan();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.unbind();
    this.video = undefined;
  }

  /** The person clicked in the page: playing is allowed now. */
  unblock(): void {
    this.sync?.unblock();
  }

  private scan(): void {
    if (this.filmTime.hasBreaks) this.updateAd();
    if (this.video?.isConnected) {
      this.isSettled(this.video);
      if (this.gone && this.video.readyState >= HAVE_FUTURE_DATA) {
        this.gone = false;
        this.client.ready();
      }
      return;
    }
    const found = mainVideo();
    if (!found) {
      if (this.video) {
        this.unbind();
        this.video = undefined;
        if (!this.gone) {
          this.gone = true;
          this.client.buffering();
        }
      }
      return;
    }
    this.rebind(found);
  }

  private rebind(video: HTMLVideoElement): void {
    this.unbind();
    this.video = video;
    const now = () => this.client.localNowMs;
    const site = this.adapterName ? new SitePlayer(video, now, this.adapterName) : undefined;
    if (site) {
      site.filmTime = this.filmTime;
      site.siteBusy = this.siteBusy;
    }
    const driver: Player = site ?? new HtmlVideoPlayer(video, now);
    // Until the new element settled, what happens to it is the site's doing (see below).
    const player = new GestureFirstPlayer(driver, now, () => ({ attached: video.isConnected && this.isSettled(video), seeking: video.seeking }));
    const sync = new PlayerSync(this.client, player, TOLERANCES);
    sync.soundDelayMs = this.soundDelayMs;
    player.onGesture = (kind, at, position, rate, paused) => sync.onEvent(kind, at, position, rate, paused);
    sync.onBlocked = () => this.onBlocked?.();
    // Until the new element can play, its events are the site setting it up (restoring the position
    // after an ad, autoplaying), not a person's gestures. Listeners stay on an element that was
    // replaced; they do nothing once it is not the bound one, or no longer in the page (a browser
    // pauses a removed video, which is no one's gesture either).
    this.settled = false;
    new HtmlVideoPlayer(video, now).listen((kind, at, position, rate, paused) => {
      if (this.ad || !this.isSettled(video) || !video.isConnected || this.video !== video || this.sync !== sync) return;
      // A tab behind another one: the browser pausing its muted video is nobody's gesture (browserPause.ts).
      if (browserMadeIt(kind, pageState(video))) return;
      // A person's seek in the site's controls lands in media time: the room hears of it in the film's.
      if (player.admit(kind, at)) sync.onEvent(kind, at, site ? site.filmOf(position) : position, rate, paused);
    });
    this.driver = driver;
    this.sync = sync;
    if (!this.ad) sync.start();
  }

  /** Whether `video`, the bound element, has settled; latched the first time it is seen able to play, not seeking. */
  private isSettled(video: HTMLVideoElement): boolean {
    if (!this.settled && video === this.video && video.readyState >= HAVE_FUTURE_DATA && !video.seeking) this.settled = true;
    return this.settled && video === this.video;
  }

  private unbind(): void {
    this.sync?.stop();
    if (this.driver instanceof SitePlayer) this.driver.close();
    this.sync = undefined;
    this.driver = undefined;
  }
}
