import { t, type MessageKey } from '../i18n/i18n';

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined>;

/**
 * Creates an element. Strings become text nodes, never HTML: nothing a person typed can turn into
 * markup. `on*` attributes given as functions become event listeners.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/**
 * Marks an element's text (and optionally attributes) as coming from the catalogue, so that
 * {@link translate} can redo it when the language changes.
 */
export function i18n<E extends HTMLElement>(el: E, key: MessageKey, attr?: 'placeholder' | 'aria-label' | 'title' | 'alt'): E {
  if (attr) el.dataset[`i18n${attr.replace(/(^|-)(\w)/g, (_, _d, c: string) => c.toUpperCase())}`] = key;
  else el.dataset['i18n'] = key;
  applyOne(el);
  return el;
}

/** Re-applies every catalogue text under `root` in the current language. */
export function translate(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('[data-i18n],[data-i18n-placeholder],[data-i18n-aria-label],[data-i18n-title],[data-i18n-alt]')
    .forEach(applyOne);
}

function applyOne(el: HTMLElement): void {
  const d = el.dataset;
  if (d['i18n']) el.textContent = t(d['i18n'] as MessageKey);
  if (d['i18nPlaceholder']) el.setAttribute('placeholder', t(d['i18nPlaceholder'] as MessageKey));
  if (d['i18nAriaLabel']) el.setAttribute('aria-label', t(d['i18nAriaLabel'] as MessageKey));
  if (d['i18nTitle']) el.setAttribute('title', t(d['i18nTitle'] as MessageKey));
  if (d['i18nAlt']) el.setAttribute('alt', t(d['i18nAlt'] as MessageKey));
}

/** 1:02:03 or 2:03 */
export function formatTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const hours = Math.floor(total / 3600);
  const pad = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
