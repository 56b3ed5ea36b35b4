package dev.cowatch.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ProtocolException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoomConnectionTest {
  private final JsonCodec codec = new JsonCodec();
  private final FakeTransport transport = new FakeTransport();
  private final TestScheduler scheduler = new TestScheduler(new FakeClock(1_000_000));
  private final List<String> events = new ArrayList<>();
  private final RoomConnection connection = new RoomConnection(URI.create("ws://test/ws/rooms/abcd"), "Ann", null,
      transport, scheduler, codec, new RoomConnection.Events() {
        @Override
        public void onText(String text) {
          events.add("text " + text);
        }

        @Override
        public void opened() {
          events.add("opened");
        }

        @Override
        public void lost() {
          events.add("lost");
        }
      });

  private ClientMessage.Hello hello(FakeTransport.Link link) throws ProtocolException {
    return (ClientMessage.Hello) codec.decodeClient(link.sent.get(0));
  }

  /** Closes the current link as {@code code} and returns the delay until the client connects again. */
  private long dropAndTimeReconnect(int code) {
    int before = transport.attempts;
    transport.last().listener.onClosed(code, "test");
    long waited = 0;
    while (transport.attempts == before) {
      scheduler.advance(50);
      waited += 50;
    }
    return waited;
  }

  @Test
  void connect_saysHelloFirst_thenTellsTheClient() throws Exception {
    connection.connect();

    assertThat(hello(transport.last()).name()).isEqualTo("Ann");
    assertThat(hello(transport.last()).resumeToken()).as("nothing to resume yet").isNull();
    assertThat(events).containsExactly("opened");
  }

  @Test
  void reconnects_sayHelloWithTheResumeTokenOfTheLastJoin() throws Exception {
    connection.connect();
    connection.joined("token-1");

    dropAndTimeReconnect(1006);

    assertThat(transport.links).hasSize(2);
    assertThat(hello(transport.last()).resumeToken()).isEqualTo("token-1");
  }

  @Test
  void backoff_doublesFrom100msUpTo5s() {
    connection.connect();
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 8; i++) delays.add(dropAndTimeReconnect(1006));

    assertThat(delays).containsExactly(100L, 200L, 400L, 800L, 1_600L, 3_200L, 5_000L, 5_000L);
  }

  @Test
  void aJoin_startsTheBackoffOver() {
    connection.connect();
    dropAndTimeReconnect(1006);
    dropAndTimeReconnect(1006);
    assertThat(dropAndTimeReconnect(1006)).isEqualTo(400);

    connection.joined("token");

    assertThat(dropAndTimeReconnect(1006)).isEqualTo(100);
  }

  @Test
  void aFailedConnect_isRetriedLikeADrop() {
    transport.refuse = new IllegalStateException("connection refused");
    CompletableFuture<Void> joined = connection.connect();

    scheduler.advance(100);

    assertThat(transport.attempts).isEqualTo(2);
    assertThat(joined).as("still trying").isNotDone();
    assertThat(events).containsExactly("lost", "lost");
  }

  @ParameterizedTest
  @ValueSource(ints = {CloseCodes.NORMAL, CloseCodes.PROTOCOL_ERROR, CloseCodes.KICKED, CloseCodes.BANNED,
      CloseCodes.UNAUTHORIZED, CloseCodes.ROOM_NOT_FOUND})
  void aFinalClose_failsTheJoin_andNeverReconnects(int code) {
    CompletableFuture<Void> joined = connection.connect();

    transport.last().listener.onClosed(code, "go away");
    scheduler.advance(60_000);

    assertThat(transport.attempts).isEqualTo(1);
    assertThat(joined).isCompletedExceptionally();
    assertThat(events).containsExactly("opened", "lost");
  }

  @Test
  void aFinalCloseAfterAJoin_failsTheNextJoinFuture() {
    CompletableFuture<Void> first = connection.connect();
    connection.joined("token").complete(null);

    transport.last().listener.onClosed(CloseCodes.KICKED, "kicked");

    assertThat(first).isCompleted();
    assertThat(connection.connect()).isCompletedExceptionally();
  }

  @Test
  void close_stopsAReconnectAlreadyScheduled() {
    connection.connect();
    FakeTransport.Link first = transport.last();
    first.listener.onClosed(1006, "the server died");

    connection.close();
    scheduler.advance(1_000);

    assertThat(transport.attempts).as("no ghost member joins").isEqualTo(1);
    assertThat(first.sent).as("no bye on a dead connection").hasSize(1);
  }

  @Test
  void close_onAnOpenConnection_saysByeThenClosesNormally() throws Exception {
    connection.connect();
    FakeTransport.Link link = transport.last();

    connection.close();

    assertThat(codec.decodeClient(link.sent.get(link.sent.size() - 1))).isInstanceOf(ClientMessage.Bye.class);
    assertThat(link.closedWith).isEqualTo(CloseCodes.NORMAL);
  }

  @Test
  void send_withoutAConnection_sendsNothing() {
    connection.connect();
    FakeTransport.Link link = transport.last();
    link.listener.onClosed(1006, "gone");

    assertThat(connection.send(new ClientMessage.Chat("hello?", null))).isFalse();
    assertThat(link.sent).hasSize(1); // the hello
  }

  @Test
  void isJoined_onlyBetweenTheRoomsAnswerAndADrop() {
    connection.connect();
    assertThat(connection.isJoined()).isFalse();

    connection.joined("token").complete(null);
    assertThat(connection.isJoined()).isTrue();

    transport.last().listener.onClosed(1006, "gone");
    assertThat(connection.isJoined()).isFalse();
  }
}
