import { language, t } from '../i18n/i18n';
import { formatTime } from './dom';

/** Sizes and speeds in binary units (KiB, MiB, GiB), with the reader's decimal separator. */
export function formatBytes(bytes: number): string {
  const n = Math.max(0, bytes);
  const number = (v: number) => new Intl.NumberFormat(language(), { maximumFractionDigits: v < 10 ? 1 : 0 }).format(v);
  if (n < 1024) return t('unit.bytes', { n: Math.round(n) });
  if (n < 1024 ** 2) return t('unit.kib', { n: number(n / 1024) });
  if (n < 1024 ** 3) return t('unit.mib', { n: number(n / 1024 ** 2) });
  return t('unit.gib', { n: number(n / 1024 ** 3) });
}

export function formatRate(bytesPerSecond: number): string {
  return t('unit.perSecond', { size: formatBytes(bytesPerSecond) });
}

/** Whole percent, never rounded up to 100 before the end. */
export function formatPercent(percent: number): string {
  return t('unit.percent', { n: Math.floor(percent) });
}

export function formatDuration(seconds: number): string {
  return formatTime(Math.ceil(seconds) * 1000);
}
