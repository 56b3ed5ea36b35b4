package dev.cowatch.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Cowatch's logging, set up in code: one line per event on standard output at {@code COWATCH_LOG_LEVEL}
 * (a system property or the environment; default INFO), Jetty and Javalin at WARN, Hikari's warnings of dead pooled
 * connections summed up ({@link dev.cowatch.server.platform.jdbc.PoolReplacementsFilter}). Logback finds it as
 * a service before it looks for logback.xml: reading an XML configuration took about a tenth of a
 * second of every start (an XML parser and a few hundred classes). {@code -Dlogback.configurationFile}
 * still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX} %-5level %logger{0} - %msg%n";
  static final String LEVEL_SETTING = "COWATCH_LOG_LEVEL";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("STDOUT");
    console.setEncoder(encoder);
    console.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level(System.getProperty(LEVEL_SETTING, System.getenv(LEVEL_SETTING))));
    root.addAppender(console);
    context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
    context.getLogger("io.javalin").setLevel(Level.WARN);
    dev.cowatch.server.platform.jdbc.PoolReplacementsFilter poolReplacements =
        new dev.cowatch.server.platform.jdbc.PoolReplacementsFilter();
    poolReplacements.setContext(context);
    poolReplacements.start();
    context.addTurboFilter(poolReplacements);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * Switches standard output to {@code format}: {@code plain} (the default pattern) or {@code json}
   * (one object per line, {@link JsonLogEncoder}). Called by Main once its options are read, before the
   * server logs anything; a logback configuration file of the operator's is left alone.
   */
  public static void useFormat(String format) {
    if (System.getProperty("logback.configurationFile") != null) return;
    if (!(org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    if (!(root.getAppender("STDOUT") instanceof ConsoleAppender<ILoggingEvent> console)) return;
    ch.qos.logback.core.encoder.Encoder<ILoggingEvent> encoder;
    if (format.equals("json")) {
      JsonLogEncoder json = new JsonLogEncoder();
      json.setContext(context);
      json.start();
      encoder = json;
    } else {
      PatternLayoutEncoder plain = new PatternLayoutEncoder();
      plain.setContext(context);
      plain.setPattern(PATTERN);
      plain.start();
      encoder = plain;
    }
    console.stop();
    console.setEncoder(encoder);
    console.start();
  }

  /** The named level; INFO when unset or not a level (logback's own parsing would fall back to DEBUG). */
  static Level level(String name) {
    return name == null || name.isBlank() ? Level.INFO : Level.toLevel(name.strip(), Level.INFO);
  }
}
