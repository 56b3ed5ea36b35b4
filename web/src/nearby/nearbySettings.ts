/**
 * What a nearby room remembers on this device: the person's name and the STUN server they set (there is
 * no server to hand one out). Kept in this browser only.
 */
const NAME_KEY = 'cowatch.nearby.name';
const STUN_KEY = 'cowatch.nearby.stun';
/** stun: or stuns: with a host (a name, IPv4 or [IPv6]) and an optional port; nothing else is taken. */
const STUN = /^stuns?:(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

export function validStun(url: string): boolean {
  const port = /:(\d{1,5})$/.exec(url);
  return STUN.test(url) && (!port || (Number(port[1]) >= 1 && Number(port[1]) <= 65_535));
}

/** The ICE servers of a nearby connection: the STUN server set here, if any (none: host candidates only). */
export function iceServersFor(stun: string): RTCIceServer[] {
  const url = stun.trim();
  return url && validStun(url) ? [{ urls: url }] : [];
}

export function loadSetting(which: 'name' | 'stun'): string {
  try {
    return localStorage.getItem(which === 'name' ? NAME_KEY : STUN_KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveSetting(which: 'name' | 'stun', value: string): void {
  try {
    localStorage.setItem(which === 'name' ? NAME_KEY : STUN_KEY, value);
  } catch {
    // private mode: it is asked again next time
  }
}
