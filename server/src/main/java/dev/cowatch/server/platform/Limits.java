package dev.cowatch.server.platform;

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
 * @param connectionsPerAddress open HTTP and WebSocket connections one client address may hold; a
 *     household behind one NAT opens a few per person (a page, its socket, media requests), so 64 is
 *     generous for people and small for a script. Counted per connecting address: behind a reverse
 *     proxy, every client is the proxy (raise this there)
 * @param roomCreationsPerAddress rooms one client address may create per {@link #CREATION_WINDOW}
 * @param joinsAtOnce hellos (joins and resumes) this node answers at once; the rest wait their turn in the order
 *     they came. A crowd arriving together (a showing's start, the members of a lost node coming back) made every
 *     hello a runnable thread at once: on a busy node the threads holding a room's lease or a database connection
 *     then waited behind hundreds of others between their round trips, held those for seconds, and the joins waiting
 *     for them were refused. 96 (six times the database pool) keeps a node's cores busy without that queue;
 *     much fewer starve a storm instead (see JoinTurns)
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
    int maxRooms,
    int connectionsPerAddress,
    int roomCreationsPerAddress,
    int joinsAtOnce) {

  /** The window room creations are counted in: the same as sign-ups' (SignInLimits). */
  public static final java.time.Duration CREATION_WINDOW = java.time.Duration.ofMinutes(15);

  public static final Limits DEFAULTS = new Limits(16 * 1024, 10, 20, 50, 200, 256, 10_000, 5_000, 10_000, 64, 60, 96);

  public Limits {
    if (connectionsPerAddress < 1 || roomCreationsPerAddress < 1) {
      throw new IllegalArgumentException("connections and room creations per address must be at least 1");
    }
    if (joinsAtOnce < 1) throw new IllegalArgumentException("joins at once must be at least 1");
  }

  /** The per-address limits at their defaults. */
  public Limits(int maxFrameBytes, double intentsPerSecond, int intentBurst, double messagesPerSecond, int floodBurst,
      int outboxCapacity, long sendTimeoutMs, long helloTimeoutMs, int maxRooms) {
    this(maxFrameBytes, intentsPerSecond, intentBurst, messagesPerSecond, floodBurst, outboxCapacity, sendTimeoutMs,
        helloTimeoutMs, maxRooms, 64, 60, 96);
  }

  public Limits withPerAddress(int connections, int roomCreations) {
    return new Limits(maxFrameBytes, intentsPerSecond, intentBurst, messagesPerSecond, floodBurst, outboxCapacity,
        sendTimeoutMs, helloTimeoutMs, maxRooms, connections, roomCreations, joinsAtOnce);
  }

  public Limits withJoinsAtOnce(int n) {
    return new Limits(maxFrameBytes, intentsPerSecond, intentBurst, messagesPerSecond, floodBurst, outboxCapacity,
        sendTimeoutMs, helloTimeoutMs, maxRooms, connectionsPerAddress, roomCreationsPerAddress, n);
  }
}
