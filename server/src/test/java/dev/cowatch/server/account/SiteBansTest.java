package dev.cowatch.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.audit.AuditAction;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Site-wide bans as the account module enforces them, on a real database with a fake clock. */
class SiteBansTest {
  private static final String PASSWORD = "correct horse battery";
  private final AccountFixture f = new AccountFixture(TestDatabases.sqlite());

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void aBan_endsEverySession_atOnce_andSignInIsRefusedWithTheReason_untilUnbanned() {
    Session ann = f.register("ann@example.org", PASSWORD);
    Session phone = f.sessions().login("ann@example.org", PASSWORD, "10.0.0.2");
    List<UserId> told = new CopyOnWriteArrayList<>();
    f.services.sessionEnds().subscribe(told::add);
    UserId admin = f.register("ada@example.org", PASSWORD).user().id();

    assertThat(f.services.bans().ban(ann.user().id(), "  spam in every room  ", admin)).isTrue();

    assertThat(told).as("held connections are told, here and (through rooms) on every node").containsExactly(ann.user().id());
    assertThat(f.authenticator().authenticate(ann.accessToken())).isEmpty();
    assertThat(f.authenticator().authenticate(phone.accessToken())).isEmpty();
    assertThatThrownBy(() -> f.sessions().refresh(phone.refreshToken(), "10.0.0.2")).isInstanceOf(Refusal.class)
        .extracting(e -> ((Refusal) e).type()).isEqualTo("invalid-refresh-token");
    assertThatThrownBy(() -> f.sessions().login("ann@example.org", PASSWORD, "10.0.0.3")).isInstanceOf(Refusal.class)
        .satisfies(e -> {
          Refusal r = (Refusal) e;
          assertThat(r.status()).isEqualTo(403);
          assertThat(r.type()).isEqualTo("account-banned");
          assertThat(r.extensions().get("reason")).isEqualTo("spam in every room");
        });
    assertThat(f.audit.of(AuditAction.SIGN_IN_FAILED)).extracting(e -> e.details().get("reason")).contains("banned");
    assertThat(f.services.bans().banOf(ann.user().id())).get()
        .satisfies(b -> assertThat(b.bannedAt()).isEqualTo(f.clock.millis()))
        .satisfies(b -> assertThat(b.bannedBy()).isEqualTo(admin));

    assertThat(f.services.bans().unban(ann.user().id())).isTrue();
    assertThat(f.sessions().login("ann@example.org", PASSWORD, "10.0.0.3").user().id()).isEqualTo(ann.user().id());
    assertThat(f.services.bans().unban(ann.user().id())).as("not banned any more").isFalse();
  }

  @Test
  void aWrongPassword_ofABannedAccount_isJustAWrongPassword_soTheReasonStaysWithWhoeverHoldsThePassword() {
    Session ann = f.register("ann@example.org", PASSWORD);
    f.services.bans().ban(ann.user().id(), "fraud", null);
    assertThatThrownBy(() -> f.sessions().login("ann@example.org", "not the password", "10.0.0.3"))
        .isInstanceOf(Refusal.class).extracting(e -> ((Refusal) e).type()).isEqualTo("invalid-credentials");
  }

  @Test
  void aReason_isRequired_andBounded_andNothingIsBannedWithoutOne() {
    Session ann = f.register("ann@example.org", PASSWORD);
    for (String reason : new String[] {null, "", "   ", "x".repeat(SiteBans.MAX_REASON + 1)}) {
      assertThatThrownBy(() -> f.services.bans().ban(ann.user().id(), reason, null)).isInstanceOf(Refusal.class)
          .extracting(e -> ((Refusal) e).status()).isEqualTo(422);
    }
    assertThat(f.services.bans().banOf(ann.user().id())).isEmpty();
    assertThat(f.authenticator().authenticate(ann.accessToken())).as("sessions untouched").isPresent();
  }

  @Test
  void banningAgain_replacesTheReason_andReportsItWasNotNew() {
    UserId ann = f.register("ann@example.org", PASSWORD).user().id();
    assertThat(f.services.bans().ban(ann, "first", null)).isTrue();
    f.clock.advance(java.time.Duration.ofMinutes(5));
    assertThat(f.services.bans().ban(ann, "second", null)).isFalse();
    assertThat(f.services.standing().bans(10)).singleElement()
        .satisfies(b -> assertThat(b.reason()).isEqualTo("second"))
        .satisfies(b -> assertThat(b.bannedAt()).isEqualTo(f.clock.millis()));
  }
}
