package dev.cowatch.server.media.subtitle;

/**
 * One subtitle cue, as WebVTT will carry it.
 *
 * @param startMs when it appears, ms into the media
 * @param endMs when it goes, ms into the media
 * @param settings WebVTT cue settings known to be harmless ({@code line:90% align:start}), or empty
 * @param text WebVTT cue text: lines without blank ones, only {@code b}, {@code i}, {@code u} tags,
 *     {@code <}, {@code >} and {@code &} escaped otherwise
 */
public record Cue(long startMs, long endMs, String settings, String text) {}
