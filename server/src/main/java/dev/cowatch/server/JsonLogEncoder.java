package dev.cowatch.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * {@code --log-format json}: one JSON object per line, for a log shipper. Fields: {@code ts} (ISO-8601
 * UTC), {@code level}, {@code logger} (the class's simple name), {@code msg}, then the event's MDC
 * ({@code request} for an HTTP request, {@code room} while a room's socket message is handled), then
 * {@code error} with the stack trace when there is one. The message is the same text as in the plain
 * format, so a line's {@code room=...} words are there too.
 */
public final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {
  private static final byte[] NOTHING = new byte[0];
  private final JsonFactory json = new JsonFactory();

  @Override
  public byte[] headerBytes() {
    return NOTHING;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = json.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
      g.writeStringField("level", event.getLevel().toString());
      String logger = event.getLoggerName();
      g.writeStringField("logger", logger.substring(logger.lastIndexOf('.') + 1));
      g.writeStringField("msg", event.getFormattedMessage());
      Map<String, String> mdc = event.getMDCPropertyMap();
      if (mdc != null) {
        for (Map.Entry<String, String> e : mdc.entrySet()) g.writeStringField(e.getKey(), e.getValue());
      }
      IThrowableProxy error = event.getThrowableProxy();
      if (error != null) g.writeStringField("error", ThrowableProxyUtil.asString(error));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  @Override
  public byte[] footerBytes() {
    return NOTHING;
  }
}
