import { language } from '../i18n/i18n';

/** A date and time in the reader's language, in their zone or in `zone`. */
export function formatDateTime(ms: number, zone?: string, style: 'medium' | 'full' = 'medium'): string {
  try {
    return new Intl.DateTimeFormat(language(), { dateStyle: style, timeStyle: 'short', ...(zone ? { timeZone: zone } : {}) }).format(ms);
  } catch {
    return new Date(ms).toLocaleString();
  }
}

/** A `<time>` element: people read the text, machines the ISO instant. */
export function timeElement(ms: number, text = formatDateTime(ms)): HTMLTimeElement {
  const el = document.createElement('time');
  el.dateTime = new Date(ms).toISOString();
  el.textContent = text;
  return el;
}
