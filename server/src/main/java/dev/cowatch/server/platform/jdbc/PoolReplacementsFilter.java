package dev.cowatch.server.platform.jdbc;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.cowatch.server.platform.CountedWarnings;
import java.util.function.LongSupplier;
import org.slf4j.Marker;

/**
 * Hikari's warning for each pooled connection it finds dead ("Failed to validate connection ... Possibly consider
 * using a shorter maxLifetime value"), said in a line of ours instead: after a database restart or a failover to the
 * standby every idle connection is dead, and ten such warnings read to an operator as a fault of the pool, though
 * replacing them is the pool's work. One line in {@link CountedWarnings#EVERY}, with the count so far.
 */
public final class PoolReplacementsFilter extends TurboFilter {
  static final String HIKARI_POOL_BASE = "com.zaxxer.hikari.pool.PoolBase";
  private static final String DEAD_CONNECTION = "{} - Failed to validate connection";

  private final CountedWarnings replaced = new CountedWarnings();
  private final LongSupplier nanoTime;

  public PoolReplacementsFilter() {
    this(System::nanoTime);
  }

  PoolReplacementsFilter(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level != Level.WARN || !HIKARI_POOL_BASE.equals(logger.getName()) || format == null
        || !format.startsWith(DEAD_CONNECTION)) {
      return FilterReply.NEUTRAL;
    }
    long count = replaced.count(nanoTime.getAsLong());
    if (count > 0) {
      Object pool = params != null && params.length > 0 ? params[0] : "the pool";
      Object cause = params != null && params.length > 2 ? params[2] : "";
      // Said in the context Hikari's line was logged in (the one logging is set up in).
      logger.getLoggerContext().getLogger(PoolReplacementsFilter.class).warn("{}: connections that no longer answered "
          + "were replaced ({} since this node started; the last: {}); expected after the database restarted or failed "
          + "over", pool, count, cause);
    }
    return FilterReply.DENY;
  }
}
