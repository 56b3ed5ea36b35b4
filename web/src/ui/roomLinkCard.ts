/**
 * The room page's invitation card: the room's link to copy, and its QR code for a phone across the
 * room. The link is the page's own origin plus the room, so it works behind any proxy the page came through.
 */
import { t } from '../i18n/i18n';
import { h, i18n } from './dom';
import { roomLink } from './links';
import { qrSvg } from './qr';

export function roomLinkCard(roomId: string, toast: (text: string) => void): HTMLElement {
  const link = roomLink(location.origin, roomId);
  const linkInput = i18n(h('input', { id: 'room-link', readonly: true, value: link }), 'room.linkLabel', 'aria-label');
  const copy = i18n(h('button', { type: 'button', id: 'copy-link' }), 'room.copyLink');
  copy.addEventListener('click', () => {
    linkInput.select();
    const done = () => toast(t('room.copied'));
    if (navigator.clipboard) navigator.clipboard.writeText(link).then(done, () => document.execCommand('copy') && done());
    else if (document.execCommand('copy')) done();
  });
  const qr = h('figure', { class: 'qr', id: 'qr', hidden: true }, qrSvg(link));
  qr.firstElementChild?.setAttribute('aria-label', t('room.qrAlt'));
  const qrToggle = i18n(h('button', { type: 'button', id: 'show-qr', 'aria-expanded': 'false' }), 'room.showQr');
  qrToggle.addEventListener('click', () => {
    qr.hidden = !qr.hidden;
    qrToggle.setAttribute('aria-expanded', String(!qr.hidden));
  });
  return h('div', { class: 'card invite' }, linkInput, h('div', { class: 'row' }, copy, qrToggle), qr);
}
