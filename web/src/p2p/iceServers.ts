/**
 * The STUN and TURN servers for peer connections (docs/api.md, GET /api/rtc/ice-servers), asked again a
 * minute before their TURN credentials expire. Shared by file sharing and the sync mesh.
 */
import type { Api } from '../net/api';

export class IceServers {
  private ice: { servers: RTCIceServer[]; until: number } | undefined;

  constructor(private readonly api: Api) {}

  async get(): Promise<RTCIceServer[]> {
    if (this.ice && this.ice.until > Date.now()) return this.ice.servers;
    try {
      const a = await this.api.request<{ iceServers: RTCIceServer[]; expiresAt: number | null }>('GET', '/api/rtc/ice-servers');
      // Asked again a minute before the credentials expire; without expiry, once per 10 minutes.
      this.ice = { servers: a.iceServers, until: a.expiresAt ? a.expiresAt - 60_000 : Date.now() + 600_000 };
    } catch {
      this.ice = { servers: [], until: Date.now() + 60_000 }; // no session: direct connections only
    }
    return this.ice.servers;
  }
}
