import { de } from './de';
import { en, type Catalogue, type MessageKey } from './en';
import { ru } from './ru';
import { pickFrom } from './pickLanguage';

export type { MessageKey };
export const LANGUAGES = { en: 'English', de: 'Deutsch', ru: 'Русский' } as const;
export type Language = keyof typeof LANGUAGES;

const CATALOGUES: Record<Language, Catalogue> = { en, de, ru };
const STORAGE_KEY = 'cowatch.lang';

/** The language saved by the person, else the first of the browser's languages we speak, else English. */
export function pickLanguage(saved: string | null, browser: readonly string[]): Language {
  return pickFrom(Object.keys(LANGUAGES) as Language[], saved, browser);
}

let current: Language = 'en';
const listeners = new Set<() => void>();

export function initLanguage(): void {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    // storage may be unavailable (private mode); the browser's language still applies
  }
  setLanguage(pickLanguage(saved, navigator.languages ?? [navigator.language]), false);
}

export function language(): Language {
  return current;
}

export function setLanguage(lang: Language, remember = true): void {
  current = lang;
  document.documentElement.lang = lang;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // not remembered, still switched
    }
  }
  listeners.forEach((l) => l());
}

export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The message for `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return format(CATALOGUES[current][key], params);
}

export function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function catalogue(lang: Language): Catalogue {
  return CATALOGUES[lang];
}
