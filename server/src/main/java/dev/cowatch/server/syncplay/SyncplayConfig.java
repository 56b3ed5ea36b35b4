package dev.cowatch.server.syncplay;

/**
 * The Syncplay endpoint ({@code --syncplay-port}): off unless a port is given; 0 takes a free port (tests).
 *
 * @param port the TCP port Syncplay clients connect to, or null when the endpoint is off
 */
public record SyncplayConfig(Integer port) {
  /** Syncplay's own default port (syncplay/constants.py DEFAULT_PORT), named in the docs as an example. */
  public static final int SYNCPLAY_DEFAULT_PORT = 8999;

  public SyncplayConfig {
    if (port != null && (port < 0 || port > 65_535)) {
      throw new IllegalArgumentException("the Syncplay port must be 0-65535, not " + port);
    }
  }

  public static SyncplayConfig off() {
    return new SyncplayConfig(null);
  }

  public static SyncplayConfig on(int port) {
    return new SyncplayConfig(port);
  }

  public boolean enabled() {
    return port != null;
  }
}
