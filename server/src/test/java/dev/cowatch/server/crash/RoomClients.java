package dev.cowatch.server.crash;

import dev.cowatch.client.ClientListener;
import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.ServerMessage;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket client per (room, identity) for the life of one server process; every timeline any
 * of them receives goes into the ledger as acknowledged, and every chat line is kept for checks.
 */
final class RoomClients implements AutoCloseable {
  private final URI base;
  private final ScheduledExecutorService scheduler;
  private final Acknowledged ledger;
  private final Map<String, Connected> clients = new HashMap<>();

  /** A joined client, the chat texts it has seen (live and paged) and where its history reaches. */
  record Connected(CowatchClient client, List<String> chatTexts, Timeline joinedWith, History history) {
    /** Asks for older pages until {@code wanted} are all seen or the history has no more. */
    boolean sawAll(List<String> wanted) throws InterruptedException {
      while (!chatTexts.containsAll(wanted)) {
        int pages = history.pages();
        Long oldest = history.oldestIfMore();
        if (oldest == null) return false;
        client.sendRaw("{\"type\":\"chatHistory\",\"before\":" + oldest + "}");
        long until = System.currentTimeMillis() + 5_000;
        while (history.pages() == pages) {
          if (System.currentTimeMillis() > until) return false;
          Thread.sleep(2);
        }
      }
      return true;
    }
  }

  /** How far back the pages a client received reach. */
  static final class History {
    private int pages;
    private long oldest = Long.MAX_VALUE;
    private boolean more;

    synchronized void page(ServerMessage.ChatHistory h) {
      for (var m : h.messages()) oldest = Math.min(oldest, m.id());
      more = h.more();
      pages++;
    }

    synchronized int pages() {
      return pages;
    }

    synchronized Long oldestIfMore() {
      return more && oldest != Long.MAX_VALUE ? oldest : null;
    }
  }

  RoomClients(URI base, ScheduledExecutorService scheduler, Acknowledged ledger) {
    this.base = base;
    this.scheduler = scheduler;
    this.ledger = ledger;
  }

  /** The client of {@code token} in {@code roomId}, joined (with its chat history in) on first use. */
  Connected of(String roomId, String token) throws Exception {
    String key = roomId + " " + token;
    Connected c = clients.get(key);
    if (c != null) return c;
    List<String> texts = new CopyOnWriteArrayList<>();
    History history = new History();
    CowatchClient client = CowatchClient.builder(base, roomId, scheduler).name("Crash").accessToken(token).build();
    client.addListener(new ClientListener() {
      @Override
      public void onTimeline(Timeline timeline, ServerMessage.CauseView cause) {
        ledger.timeline(roomId, timeline);
      }

      @Override
      public void onChat(ServerMessage message) {
        if (message instanceof ServerMessage.ChatHistory h) {
          h.messages().forEach(m -> texts.add(m.text()));
          history.page(h);
        } else if (message instanceof ServerMessage.Chat line) {
          texts.add(line.message().text());
        }
      }
    });
    try {
      client.connect().get(10, TimeUnit.SECONDS);
      long until = System.currentTimeMillis() + 5_000;
      while (history.pages() == 0 && System.currentTimeMillis() < until) Thread.sleep(5);
    } catch (Exception | Error e) {
      // Left open, it would keep reconnecting and join the next server as a ghost member.
      client.close();
      throw e;
    }
    Timeline joined = client.timeline();
    ledger.timeline(roomId, joined);
    c = new Connected(client, texts, joined, history);
    clients.put(key, c);
    return c;
  }

  @Override
  public void close() {
    List<Connected> all = new ArrayList<>(clients.values());
    clients.clear();
    for (Connected c : all) c.client().close();
  }
}
