import type { MediaEventKind } from './playerView';

/**
 * Whether a media event is the browser's own doing rather than a person's: Chromium pauses a muted video in a
 * tab behind another one (to save power), and the room must not pause for everyone because one viewer switched
 * tabs (HiddenTabBrowserTest saw exactly that: "Ben paused at 0:00"). A person cannot press the page's pause
 * while it is hidden, except in a picture-in-picture window, whose controls are theirs; media keys and the lock
 * screen reach the room through Media Session, not through the video's events. Such a pause is no gesture: the
 * engine starts the player again on its next step.
 */
export function browserMadeIt(kind: MediaEventKind, page: { hidden: boolean; pictureInPicture: boolean }): boolean {
  return kind === 'pause' && page.hidden && !page.pictureInPicture;
}

/** The page's state for {@link browserMadeIt}: hidden, and whether `video` is in picture-in-picture. */
export function pageState(video: HTMLVideoElement): { hidden: boolean; pictureInPicture: boolean } {
  return {
    hidden: typeof document !== 'undefined' && document.visibilityState === 'hidden',
    pictureInPicture: typeof document !== 'undefined' && document.pictureInPictureElement === video,
  };
}
