package dev.cowatch.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.room.bus.Broadcast;
import dev.cowatch.server.room.bus.InMemoryRoomBus;
import dev.cowatch.server.room.jdbc.JdbcRoomRepository;
import dev.cowatch.server.room.live.InMemoryRoomStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A resume token brings back the member of the identity it was issued to, and nobody else's: a token that leaked
 * (a shared screen, a log, a copied link) must not let an anonymous hello or another user take over a member, with
 * its role and name. Such a hello is a fresh join.
 */
class ResumeTokenIdentityTest {
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
  private final Database database = TestDatabases.sqlite();
  private final Ids ids = Ids.secure();
  private final RoomService rooms = new RoomService(new InMemoryRoomStore(), new JdbcRoomRepository(database.jdbi()),
      new InMemoryRoomBus(), Tolerances.DEFAULTS, clock, ids, new JsonCodec(), timers, 10);
  private final Identity ann = new Identity(new UserId("u-ann1"), Identity.Kind.ACCOUNT, "Ann");
  private final Identity bob = new Identity(new UserId("u-bob1"), Identity.Kind.ACCOUNT, "Bob");
  private final Identity gus = new Identity(new UserId("u-gus1"), Identity.Kind.GUEST, "Gus");
  private final Identity gil = new Identity(new UserId("u-gil1"), Identity.Kind.GUEST, "Gil");
  private final RoomId room = rooms.create(RoomSettings.defaults("r", 5_000), ann, "film.mp4", null).orElseThrow().id();

  @AfterEach
  void stop() {
    timers.shutdownNow();
    database.close();
  }

  @Test
  void anAccountsToken_fromAnAnonymousHello_joinsAfresh_andLeavesTheOwnersMemberAlone() {
    Joining owner = join(ann, null);

    Joining stranger = join(anonymous(), owner.token);

    assertThat(stranger.member).isNotEqualTo(owner.member);
    assertThat(stranger.resumed).as("the joined message says it is new").isFalse();
    assertThat(stranger.token).isNotEqualTo(owner.token);
    assertThat(rooms.find(room).orElseThrow().member(stranger.member).orElseThrow().userId())
        .isNotEqualTo(ann.userId());
    assertThat(rooms.find(room).orElseThrow().member(owner.member).orElseThrow().isConnected()).isTrue();
  }

  @Test
  void anAccountsToken_fromAnotherAccount_joinsAfresh() {
    Joining owner = join(ann, null);

    Joining other = join(bob, owner.token);

    assertThat(other.member).isNotEqualTo(owner.member);
    assertThat(other.resumed).isFalse();
  }

  @Test
  void aGuestsToken_fromAnotherGuest_joinsAfresh() {
    Joining first = join(gus, null);

    Joining second = join(gil, first.token);

    assertThat(second.member).isNotEqualTo(first.member);
    assertThat(second.resumed).isFalse();
  }

  @Test
  void anAnonymousMembersToken_fromAnAccount_joinsAfresh() {
    Joining anonymousMember = join(anonymous(), null);

    Joining account = join(bob, anonymousMember.token);

    assertThat(account.member).isNotEqualTo(anonymousMember.member);
    assertThat(account.resumed).isFalse();
  }

  @Test
  void theSameAccount_resumesItsMember() {
    Joining first = join(ann, null);

    Joining again = join(ann, first.token);

    assertThat(again.member).isEqualTo(first.member);
    assertThat(again.resumed).isTrue();
  }

  /** An anonymous session has no identity but its token: each hello makes up a new user id. */
  @Test
  void anAnonymousMember_resumesWithItsToken_fromANewAnonymousHello() {
    Joining first = join(anonymous(), null);

    Joining again = join(anonymous(), first.token);

    assertThat(again.member).isEqualTo(first.member);
    assertThat(again.resumed).isTrue();
  }

  private Identity anonymous() {
    return new Identity(ids.anonymousUserId(), Identity.Kind.ANONYMOUS, "Visitor");
  }

  private record Joining(MemberId member, String token, boolean resumed) {}

  private Joining join(Identity who, String resumeToken) {
    List<Broadcast> received = new ArrayList<>();
    MemberId member = rooms.join(room, who, who.displayName(), resumeToken, received::add).memberId();
    String joined = received.getFirst().json();
    Matcher token = Pattern.compile("\"resumeToken\":\"([^\"]+)\"").matcher(joined);
    Matcher resumed = Pattern.compile("\"resumed\":(true|false)").matcher(joined);
    assertThat(token.find()).as(joined).isTrue();
    assertThat(resumed.find()).as(joined).isTrue();
    return new Joining(member, token.group(1), Boolean.parseBoolean(resumed.group(1)));
  }
}
