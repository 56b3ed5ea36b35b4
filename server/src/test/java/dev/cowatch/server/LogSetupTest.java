package dev.cowatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogSetupTest {
  @Test
  void level_isTheNamedOne_andInfoWhenUnsetOrUnknown() {
    assertThat(LogSetup.level("WARN")).isEqualTo(Level.WARN);
    assertThat(LogSetup.level(" debug ")).isEqualTo(Level.DEBUG);
    assertThat(LogSetup.level(null)).isEqualTo(Level.INFO);
    assertThat(LogSetup.level("")).isEqualTo(Level.INFO);
    assertThat(LogSetup.level("loud")).isEqualTo(Level.INFO);
  }

  @Test
  void configure_writesOneLinePerEventToStandardOutput_withJettyAndJavalinAtWarn() {
    LoggerContext context = new LoggerContext();
    LogSetup setup = new LogSetup();
    setup.setContext(context);
    assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getAppender("STDOUT")).isInstanceOfSatisfying(ConsoleAppender.class, console -> {
      assertThat(console.isStarted()).isTrue();
      assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern()).isEqualTo(LogSetup.PATTERN);
    });
    assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.javalin.Javalin").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getTurboFilterList()).as("Hikari's dead-connection warnings summed up")
        .hasAtLeastOneElementOfType(dev.cowatch.server.platform.jdbc.PoolReplacementsFilter.class)
        .allSatisfy(f -> assertThat(f.isStarted()).isTrue());
    context.stop();
  }

  @Test
  void logback_findsIt_asTheServersConfiguration() {
    // The test JVM is configured like the server: through the service, so Jetty is quiet below WARN.
    assertThat(LoggerFactory.getLogger("org.eclipse.jetty.x")).isInstanceOfSatisfying(ch.qos.logback.classic.Logger.class,
        l -> assertThat(l.getEffectiveLevel()).isEqualTo(Level.WARN));
  }
}
