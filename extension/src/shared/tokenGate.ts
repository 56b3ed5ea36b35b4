import type { RoomBinding } from './messages';

/** A content script's request for an access token (content/tabRoom.ts). */
export interface TokenRequest {
  readonly server: string;
}

/**
 * Who gets the server's access token (the linked account's, or the extension's guest): only a content
 * script in a tab the person joined to a room (the popup's create or join, a room link's page), on the
 * server the extension is set to, asking for that server. Content scripts run inside pages of any site;
 * one in a tab nobody joined, a frame of it, or one asking for another server than its room's is refused,
 * so that no page the extension was put into can make it hand out the account.
 *
 * @returns the binding to take the token for (its server and name), or undefined: refused
 */
export function tokenGrant(
  request: TokenRequest,
  sender: { readonly tabId?: number; readonly frameId?: number },
  binding: RoomBinding | undefined,
  configuredServer: string,
): RoomBinding | undefined {
  if (sender.tabId === undefined || sender.frameId !== 0) return undefined;
  if (!binding || binding.server !== configuredServer) return undefined;
  return request.server === binding.server ? binding : undefined;
}
