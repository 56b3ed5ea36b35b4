/**
 * "Hide my address" (docs/protocol.md 3.11, docs/security.md, "Addresses stay private by choice"): a peer that connects to this
 * browser learns the addresses its ICE candidates carry (its network's, its public one through STUN).
 * Hidden, every peer connection (sync and voice, shared files) uses the TURN relay only
 * (iceTransportPolicy 'relay'), so a peer sees the relay's address and never this one. Remembered per
 * browser; unset, it is on for guests when the server has a relay, off otherwise. Without a relay a
 * hidden address means no peer connection at all, and the room page says so.
 */

export const HIDE_ADDRESS_KEY = 'cowatch.hideAddress';

/** The stored choice: true (hide), false (show), undefined (never chosen: the default applies). */
export function parseChoice(stored: string | null): boolean | undefined {
  return stored === 'on' ? true : stored === 'off' ? false : undefined;
}

/** Whether the address is hidden: the viewer's choice, else on for guests where there is a relay to hide behind. */
export function hidesAddress(choice: boolean | undefined, guest: boolean, relay: boolean): boolean {
  return choice ?? (guest && relay);
}

/** Whether these ICE servers include a TURN relay. */
export function hasRelay(servers: readonly RTCIceServer[]): boolean {
  return servers.some((s) => (Array.isArray(s.urls) ? s.urls : [s.urls]).some((u) => /^turns?:/.test(u)));
}

/** The ICE transport policy for a new connection: 'relay' while the address is hidden. */
export function transportPolicy(hidden: boolean): RTCIceTransportPolicy {
  return hidden ? 'relay' : 'all';
}

/** Peer connections while hidden and without a relay: none can be made, and the viewer is told. */
export function peersUnavailable(hidden: boolean, relay: boolean | undefined): boolean {
  return hidden && relay === false;
}

/** This page's setting: the viewer's choice, who they are, and whether the server has a relay (once known). */
export class AddressPrivacy {
  private choice: boolean | undefined;
  private guest = true;
  private relayKnown: boolean | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: () => Storage | undefined) {
    this.choice = parseChoice(this.read());
  }

  /** Who is watching: a guest's default is to hide. */
  setGuest(guest: boolean): void {
    this.guest = guest;
    this.changed();
  }

  /** What the server's ICE servers said: whether it has a relay. */
  setRelay(relay: boolean): void {
    if (this.relayKnown === relay) return;
    this.relayKnown = relay;
    this.changed();
  }

  /** The viewer's choice, remembered in this browser. */
  choose(hide: boolean): void {
    this.choice = hide;
    try {
      this.storage()?.setItem(HIDE_ADDRESS_KEY, hide ? 'on' : 'off');
    } catch {
      // not remembered; it holds for this visit
    }
    this.changed();
  }

  get hidden(): boolean {
    return hidesAddress(this.choice, this.guest, this.relayKnown ?? false);
  }

  get relay(): boolean | undefined {
    return this.relayKnown;
  }

  get unavailable(): boolean {
    return peersUnavailable(this.hidden, this.relayKnown);
  }

  on(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private read(): string | null {
    try {
      return this.storage()?.getItem(HIDE_ADDRESS_KEY) ?? null;
    } catch {
      return null;
    }
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

let page: AddressPrivacy | undefined;

/** The page's one setting, read by every new peer connection (peerLink.ts). */
export function addressPrivacy(): AddressPrivacy {
  page ??= new AddressPrivacy(() => (typeof localStorage === 'undefined' ? undefined : localStorage));
  return page;
}
