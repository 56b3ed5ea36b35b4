import type { ChatView, MemberView } from '../../../web/src/protocol';

/** Where a tab's content script should join: kept per tab so it can join again after the page reloads. */
export interface RoomBinding {
  readonly server: string;
  readonly roomId: string;
  readonly name: string;
  /** The member's resume token, so the tab comes back as the same member after a reload or navigation. */
  readonly resumeToken?: string;
}

/** What the popup (and the tests, through the background) ask a tab's content script. */
export type ContentRequest =
  | { readonly type: 'join'; readonly binding: RoomBinding }
  | { readonly type: 'status' }
  | { readonly type: 'chat'; readonly text: string }
  | { readonly type: 'leave' }
  | { readonly type: 'openRoomMedia' }
  | { readonly type: 'sample' };

/** The content script's view of its room, for the popup. */
export interface RoomStatus {
  readonly inRoom: boolean;
  readonly server?: string;
  readonly roomId?: string;
  readonly roomName?: string;
  readonly connection?: string;
  readonly refusal?: string;
  readonly memberId?: string;
  readonly members?: readonly MemberView[];
  readonly chat?: readonly ChatView[];
  /** The room's media (for these rooms, a page address) and whether this page is it. */
  readonly roomMedia?: string;
  readonly onRoomMedia?: boolean;
  readonly state?: string;
  readonly positionMs?: number;
  /** The bound video's error against the timeline, when one is bound. */
  readonly driftMs?: number;
  readonly video: 'none' | 'element' | 'site';
  readonly pageAddress: string;
  readonly pageTitle: string;
}

/** One reading of the bound player taken in one instant (the browser tests' and benchmark's PageSample). */
export interface Sample {
  /** The film's position (a stream's ad breaks taken out); mediaPositionMs is the element's own. */
  readonly positionMs: number;
  readonly mediaPositionMs: number;
  /** An ad plays (the adapter said so, or the video is in one of the stream's breaks). */
  readonly ad: boolean;
  /** The site adapter driving the player, if one does. */
  readonly adapter: string | null;
  readonly wallMs: number;
  readonly paused: boolean;
  readonly seeking: boolean;
  readonly rate: number;
  readonly readyState: number;
  readonly serverNowMs: number;
  readonly syncErrorMs: number;
  readonly version: number;
  readonly bound: boolean;
}
