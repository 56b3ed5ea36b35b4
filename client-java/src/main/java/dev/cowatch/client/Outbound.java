package dev.cowatch.client;

import dev.cowatch.protocol.ClientMessage;

/** Sends a message on the current connection. */
@FunctionalInterface
interface Outbound {
  /** False, and nothing sent, when there is no connection (a message is not kept for the next one). */
  boolean send(ClientMessage message);
}
