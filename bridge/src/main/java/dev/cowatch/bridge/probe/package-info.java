/**
 * Independent readings of the desktop players and the test video, for the desktop tests and
 * {@code bench/run desktop-sync}: they measure the bridge from outside, through connections of
 * their own, never through the bridge's own estimates.
 */
package dev.cowatch.bridge.probe;
