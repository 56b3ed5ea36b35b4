package dev.cowatch.bench.cluster;

import dev.cowatch.bench.load.CowatchApi;
import dev.cowatch.bench.load.CowatchServerProcess;
import dev.cowatch.client.ClientListener;
import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.protocol.ServerMessage;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A node killed with SIGKILL while a room plays: viewers running the reference client (client-java,
 * the web app's reconnect and resume rules) joined through nginx, so about a third sit on the victim.
 * The node killed is the one holding most of the room's connections. Each viewer said something in chat first and saw it acknowledged. Times, per viewer that lost its
 * node, from the kill until it is back in the room as the same member; then counts what was
 * acknowledged and is gone: chat lines missing from the room's history, a timeline older than the
 * one everyone had.
 */
final class FailoverRun {
  /** Well past the 3 s: a viewer not back by then is reported, not waited for. */
  static final long BACK_BOUND_MS = 15_000;
  static final long STEP_BOUND_MS = 20_000;
  private static final String LINE = "line ";

  /**
   * @param connectionsPerNode room connections on each node just before the kill
   * @param resumeMs per viewer that lost its connection: kill to back in the room as the same member
   * @param notBack viewers not back (or back as someone else) within {@link #BACK_BOUND_MS}
   * @param lostChat acknowledged chat lines the room's history no longer has
   * @param lostTimeline 1 when the room's timeline after recovery is older than the one acknowledged before
   */
  record Result(List<Double> resumeMs, List<Integer> connectionsPerNode, int onVictim, int notBack, int lostChat, int lostTimeline) {
    int lost() {
      return lostChat + lostTimeline;
    }
  }

  private FailoverRun() {}

  static Result run(Cluster cluster, int viewers, ScheduledExecutorService scheduler)
      throws IOException, InterruptedException {
    URI entry = cluster.balancer();
    CowatchApi host = CowatchApi.guest(entry, "Failover host");
    String roomId = host.createRoom("failover", viewers + 2);
    List<CowatchClient> clients = new ArrayList<>();
    Map<CowatchClient, Long> backAt = new ConcurrentHashMap<>();
    Map<CowatchClient, Boolean> dropped = new ConcurrentHashMap<>();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> refusals = ConcurrentHashMap.newKeySet();
    try {
      for (int i = 0; i < viewers; i++) {
        CowatchClient c = CowatchClient.builder(entry, roomId, scheduler).name("Viewer " + i)
            .accessToken(i == 0 ? host.token() : null).tolerances(Tolerances.DEFAULTS).build();
        c.addListener(new ClientListener() {
          @Override
          public void onConnection(boolean connected) {
            if (!connected) dropped.put(c, true);
            else if (dropped.containsKey(c)) backAt.putIfAbsent(c, System.nanoTime());
          }

          @Override
          public void onError(ServerMessage.Error error) {
            refusals.add(error.code() + ": " + error.message());
          }

          @Override
          public void onChat(ServerMessage message) {
            // Only what this viewer said: the room's own lines (someone joined, ...) carry members' ids too.
            if (message instanceof ServerMessage.Chat chat && chat.message().memberId().equals(c.memberId())
                && chat.message().text().startsWith(LINE)) {
              acknowledged.add(chat.message().text());
            }
          }
        });
        clients.add(c);
        c.connect().get(10, TimeUnit.SECONDS);
      }
      await(() -> clients.stream().allMatch(c -> c.memberCount() == viewers), "every viewer sees the whole room");
      clients.getFirst().play();
      await(() -> clients.stream().allMatch(c -> c.timeline().state() == PlaybackState.PLAYING), "everyone plays");
      for (int i = 0; i < viewers; i++) clients.get(i).chat(LINE + i + " before the failover");
      await(() -> acknowledged.size() == viewers, () -> "every chat line acknowledged (" + acknowledged.size() + " of "
          + viewers + "; refusals " + refusals + ")");
      long versionBefore = clients.getFirst().timeline().version();
      Map<CowatchClient, String> memberBefore = new ConcurrentHashMap<>();
      for (CowatchClient c : clients) memberBefore.put(c, c.memberId());

      List<Integer> spread = cluster.connectionsPerNode();
      int victim = spread.indexOf(spread.stream().max(Integer::compare).orElseThrow());
      CowatchServerProcess killed = cluster.nodes().get(victim);
      long killedAt = System.nanoTime();
      killed.process().process().destroyForcibly();
      long until = System.currentTimeMillis() + BACK_BOUND_MS;
      BooleanSupplier allBack = () -> clients.stream()
          .allMatch(c -> c.isConnected() && c.memberId().equals(memberBefore.get(c)));
      // Right after the kill everyone still looks connected: first the victim's viewers must notice.
      int onKilled = spread.get(victim);
      while (dropped.size() < onKilled && System.currentTimeMillis() < until) Thread.sleep(5);
      while (!allBack.getAsBoolean() && System.currentTimeMillis() < until) Thread.sleep(5);
      List<Double> resume = new ArrayList<>();
      int notBack = 0;
      for (CowatchClient c : clients) {
        boolean same = c.isConnected() && c.memberId().equals(memberBefore.get(c));
        if (!same) notBack++;
        else if (dropped.containsKey(c) && backAt.containsKey(c)) resume.add((backAt.get(c) - killedAt) / 1e6);
      }
      int onVictim = dropped.size();
      long versionAfter = clients.stream().filter(CowatchClient::isConnected).mapToLong(c -> c.timeline().version())
          .max().orElse(-1);
      int lostTimeline = versionAfter < versionBefore ? 1 : 0;
      int lostChat = missingFromHistory(cluster, roomId, acknowledged, scheduler);
      return new Result(resume, spread, onVictim, notBack, lostChat, lostTimeline);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("a viewer could not join through nginx: " + e, e);
    } finally {
      for (CowatchClient c : clients) c.close();
    }
  }

  /** How many of {@code lines} a newcomer on a living node does not find in the room's chat history. */
  private static int missingFromHistory(Cluster cluster, String roomId, Set<String> lines,
      ScheduledExecutorService scheduler) throws IOException, InterruptedException {
    Set<String> found = ConcurrentHashMap.newKeySet();
    List<Long> oldest = new ArrayList<>();
    Set<Long> pagesDone = new HashSet<>();
    Object pages = new Object();
    CowatchClient checker = CowatchClient.builder(cluster.balancer(), roomId, scheduler).name("Checker").build();
    checker.addListener(new ClientListener() {
      @Override
      public void onChat(ServerMessage message) {
        if (!(message instanceof ServerMessage.ChatHistory page)) return;
        synchronized (pages) {
          page.messages().forEach(m -> found.add(m.text()));
          oldest.add(page.more() && !page.messages().isEmpty() ? page.messages().getFirst().id() : -1L);
          pages.notifyAll();
        }
      }
    });
    try {
      checker.connect().get(10, TimeUnit.SECONDS);
      long deadline = System.currentTimeMillis() + STEP_BOUND_MS;
      synchronized (pages) {
        while (!found.containsAll(lines) && System.currentTimeMillis() < deadline) {
          if (oldest.isEmpty()) {
            pages.wait(100);
            continue;
          }
          long before = oldest.getLast();
          if (before < 0) break;
          if (pagesDone.add(before)) checker.sendRaw("{\"type\":\"chatHistory\",\"before\":" + before + "}");
          pages.wait(100);
        }
      }
      return (int) lines.stream().filter(l -> !found.contains(l)).count();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("the checker could not join after the failover: " + e, e);
    } finally {
      checker.close();
    }
  }

  private static void await(BooleanSupplier condition, String what) throws IOException, InterruptedException {
    await(condition, () -> what);
  }

  private static void await(BooleanSupplier condition, java.util.function.Supplier<String> what)
      throws IOException, InterruptedException {
    long until = System.currentTimeMillis() + STEP_BOUND_MS;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > until) throw new IOException("timed out waiting until " + what.get());
      Thread.sleep(10);
    }
  }
}
