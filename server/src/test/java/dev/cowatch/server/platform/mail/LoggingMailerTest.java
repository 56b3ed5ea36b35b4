package dev.cowatch.server.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingMailerTest {

  @Test
  void withoutSmtp_theWholeMailIncludingItsLinkGoesToTheLog() {
    Logger logger = (Logger) LoggerFactory.getLogger(LoggingMailer.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      new LoggingMailer().send(new MailMessage("ann@example.org", "Confirm", "open https://x.test/verify?token=abc"));
    } finally {
      logger.detachAppender(appender);
    }

    assertThat(appender.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
        .contains("to=ann@example.org").contains("https://x.test/verify?token=abc"));
  }
}
