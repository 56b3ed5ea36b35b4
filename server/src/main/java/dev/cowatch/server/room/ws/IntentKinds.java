package dev.cowatch.server.room.ws;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.cowatch.protocol.ClientMessage;

/**
 * A client message's wire type ({@code play}, {@code queueAdd}, ...), the label metrics count intents
 * by: read once per message class from the codec's own table, so a renamed message renames its series.
 */
final class IntentKinds {
  private static final ClassValue<String> NAMES = new ClassValue<>() {
    @Override
    protected String computeValue(Class<?> type) {
      for (JsonSubTypes.Type t : ClientMessage.class.getAnnotation(JsonSubTypes.class).value()) {
        if (t.value() == type) return t.name();
      }
      return type.getSimpleName();
    }
  };

  private IntentKinds() {}

  static String of(ClientMessage message) {
    return NAMES.get(message.getClass());
  }
}
