/**
 * How a stream says that a stretch of it is an ad, as the players hand those markers on: DASH event streams of
 * SCTE-35's schemes (the splice messages ad insertion writes) or of the project's test streams, and HLS date ranges
 * that carry a SCTE-35 splice-out or an ad class.
 */
export const AD_SCHEMES: ReadonlySet<string> = new Set([
  'urn:scte:scte35:2013:xml',
  'urn:scte:scte35:2014:xml+bin',
  'urn:scte:scte35:2013:bin',
  'urn:cowatch:ad',
]);

export const AD_CLASSES: ReadonlySet<string> = new Set(['com.cowatch.ad']);

/** The date range attributes that mark an ad whatever its class. */
export const AD_ATTRIBUTES: readonly string[] = ['SCTE35-OUT'];
