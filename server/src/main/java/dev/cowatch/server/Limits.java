package dev.cowatch.server;

/**
 * Limits that protect the server and the other members of a room from one client.
 *
 * @param maxFrameBytes largest WebSocket text frame; the biggest legal client message is a
 *     setMedia with a 2 KiB id, so 16 KiB leaves room without inviting abuse
 * @param intentsPerSecond sustained intents (play, seek ...) per connection; a person pressing
 *     keys makes a few a second, so more is a script or a bug: refused with rate_limited
 * @param intentBurst intents allowed back to back before the rate applies
 * @param messagesPerSecond sustained messages of any kind; past the flood burst the connection is
 *     closed, because a client that ignores rate_limited errors will not stop by itself
 * @param floodBurst messages allowed back to back before closing for flood
 * @param outboxCapacity queued non-state messages per connection before it counts as slow
 * @param sendTimeoutMs a frame the client has not taken in this long marks it as slow
 * @param helloTimeoutMs a connection must say hello within this time
 * @param maxRooms rooms kept in memory by this node
 */
public record Limits(
    int maxFrameBytes,
    double intentsPerSecond,
    int intentBurst,
    double messagesPerSecond,
    int floodBurst,
    int outboxCapacity,
    long sendTimeoutMs,
    long helloTimeoutMs,
    int maxRooms) {

  public static final Limits DEFAULTS = new Limits(16 * 1024, 10, 20, 50, 200, 256, 10_000, 5_000, 10_000);
}
