/**
 * The STUN and TURN servers for peer connections (docs/api.md, GET /api/rtc/ice-servers), asked again a
 * minute before their TURN credentials expire. Shared by file sharing and the sync mesh. The server gives
 * them to connected members of the room named only; whether they include a relay decides the "hide my
 * address" default (addressPrivacy.ts).
 */
import type { Api } from '../net/api';
import { addressPrivacy, hasRelay } from './addressPrivacy';

export class IceServers {
  private ice: { servers: RTCIceServer[]; until: number } | undefined;

  constructor(private readonly api: Api, private readonly roomId: string) {}

  async get(): Promise<RTCIceServer[]> {
    if (this.ice && this.ice.until > Date.now()) return this.ice.servers;
    try {
      const a = await this.api.request<{ iceServers: RTCIceServer[]; expiresAt: number | null }>('GET',
        `/api/rtc/ice-servers?room=${encodeURIComponent(this.roomId)}`);
      addressPrivacy().setRelay(hasRelay(a.iceServers));
      // Asked again a minute before the credentials expire; without expiry, once per 10 minutes.
      this.ice = { servers: a.iceServers, until: a.expiresAt ? a.expiresAt - 60_000 : Date.now() + 600_000 };
    } catch {
      this.ice = { servers: [], until: Date.now() + 60_000 }; // not (yet) a connected member: direct connections only
    }
    return this.ice.servers;
  }
}
