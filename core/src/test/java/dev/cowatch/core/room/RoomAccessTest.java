package dev.cowatch.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.RoomEvent.LeaveReason;
import dev.cowatch.core.room.RoomEvent.MemberLeft;
import dev.cowatch.core.room.RoomEvent.RosterChanged;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Who gets in, and the roster changes owners and moderators make. */
class RoomAccessTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final UserId OWEN = new UserId("u-owen");
  private static final UserId MIA = new UserId("u-mia");
  private static final UserId MEL = new UserId("u-mel");
  private static final UserId GIL = new UserId("g-gil");
  private static final UserId STRANGER = new UserId("u-stranger");

  private final RoomDecider decider = new RoomDecider(Tolerances.DEFAULTS);
  private long now = T0;
  private Room room = Room.create(new RoomId("access"), RoomSettings.defaults("Access", 5_000),
      Roster.ownedBy(OWEN, "Owen", false, T0), "film.mp4", T0);
  private int sessions;

  private Decision join(UserId user, boolean guest) {
    Decision d = decider.decide(room, new MemberId("m" + (++sessions)), new Intent.Join(user.value(), user, guest), now);
    room = d.room();
    return d;
  }

  private Decision admin(UserId actor, AdminIntent intent) {
    Decision d = decider.administer(room, actor, intent, now);
    room = d.room();
    return d;
  }

  private ErrorCode refusal(Decision d) {
    assertThat(d.isRejected()).as("expected a refusal").isTrue();
    return d.rejection().code();
  }

  private void settings(RoomSettings s) {
    room = decider.administer(room, OWEN, new AdminIntent.ChangeSettings(s), now).room();
  }

  /** mia a moderator, mel a member, gil a guest: all present. */
  private void staffed() {
    join(MIA, false);
    join(MEL, false);
    join(GIL, true);
    assertThat(admin(OWEN, new AdminIntent.ChangeRole(MIA, Role.MODERATOR)).isRejected()).isFalse();
  }

  @Nested
  class Entering {
    @Test
    void an_open_room_admits_accounts_as_members_and_guests_as_guests_and_remembers_them() {
      join(MEL, false);
      join(GIL, true);

      assertThat(room.roster().entry(MEL)).map(RosterEntry::role).contains(Role.MEMBER);
      assertThat(room.roster().entry(GIL)).map(RosterEntry::role).contains(Role.GUEST);
      assertThat(room.members()).extracting(Member::role).containsExactly(Role.MEMBER, Role.GUEST);
    }

    @Test
    void an_anonymous_session_enters_as_a_guest_without_being_remembered() {
      UserId anonymous = new UserId("a-once");
      Decision d = decider.decide(room, new MemberId("m-anon"), new Intent.Join("Anon", anonymous, true, false), now);
      room = d.room();

      assertThat(d.isRejected()).isFalse();
      assertThat(room.members()).extracting(Member::role).containsExactly(Role.GUEST);
      assertThat(room.roster().entry(anonymous)).isEmpty();
      assertThat(d.events()).noneMatch(e -> e instanceof RoomEvent.RosterChanged);
    }

    @Test
    void an_anonymous_session_made_moderator_is_put_on_the_roster_with_that_role() {
      UserId anonymous = new UserId("a-once");
      room = decider.decide(room, new MemberId("m-anon"), new Intent.Join("Anon", anonymous, true, false), now).room();

      Decision d = admin(OWEN, new AdminIntent.ChangeRole(anonymous, Role.MODERATOR));

      assertThat(d.isRejected()).isFalse();
      assertThat(room.roster().entry(anonymous)).map(RosterEntry::role).contains(Role.MODERATOR);
      assertThat(room.members()).extracting(Member::role).containsExactly(Role.MODERATOR);
    }

    @Test
    void a_room_without_guests_refuses_them_even_with_a_password_or_invite() {
      settings(room.settings().withAccess(Visibility.UNLISTED, false, false));

      assertThat(refusal(join(GIL, true))).isEqualTo(ErrorCode.GUESTS_NOT_ALLOWED);
      assertThat(refusal(admin(GIL, new AdminIntent.Admit("Gil", true)))).isEqualTo(ErrorCode.GUESTS_NOT_ALLOWED);
      assertThat(join(MEL, false).isRejected()).isFalse();
    }

    @Test
    void a_private_room_needs_an_invite_and_then_lets_the_user_back_any_time() {
      settings(room.settings().withAccess(Visibility.PRIVATE, false, true));

      assertThat(refusal(join(STRANGER, false))).isEqualTo(ErrorCode.INVITE_REQUIRED);
      assertThat(admin(STRANGER, new AdminIntent.Admit("Stranger", false)).events())
          .containsExactly(new RosterChanged(room.roster()));
      assertThat(join(STRANGER, false).isRejected()).isFalse();
    }

    @Test
    void a_password_room_needs_the_password_first() {
      settings(room.settings().withAccess(Visibility.PUBLIC, true, true));

      assertThat(refusal(join(MEL, false))).isEqualTo(ErrorCode.PASSWORD_REQUIRED);
      admin(MEL, new AdminIntent.Admit("Mel", false));
      assertThat(join(MEL, false).isRejected()).isFalse();
    }

    @Test
    void a_private_room_with_a_password_opens_to_an_invite_and_never_to_the_password() {
      settings(room.settings().withAccess(Visibility.PRIVATE, true, true));

      assertThat(Admission.passwordTryRefusal(room, STRANGER, false)).contains(ErrorCode.INVITE_REQUIRED);
      assertThat(refusal(admin(STRANGER, new AdminIntent.Admit("Stranger", false, Admission.Vouch.PASSWORD))))
          .isEqualTo(ErrorCode.INVITE_REQUIRED);
      assertThat(admin(STRANGER, new AdminIntent.Admit("Stranger", false, Admission.Vouch.INVITE)).isRejected())
          .isFalse();
      assertThat(Admission.passwordTryRefusal(room, STRANGER, false)).as("on the roster now").isEmpty();
    }

    @Test
    void the_password_opens_a_password_room_but_not_past_a_ban() {
      settings(room.settings().withAccess(Visibility.UNLISTED, true, true));
      assertThat(Admission.passwordTryRefusal(room, MEL, false)).isEmpty();
      assertThat(admin(MEL, new AdminIntent.Admit("Mel", false, Admission.Vouch.PASSWORD)).isRejected()).isFalse();
      admin(OWEN, new AdminIntent.Ban(MEL));
      assertThat(Admission.passwordTryRefusal(room, MEL, false)).contains(ErrorCode.BANNED);
      assertThat(refusal(admin(MEL, new AdminIntent.Admit("Mel", false, Admission.Vouch.PASSWORD))))
          .isEqualTo(ErrorCode.BANNED);
    }

    @Test
    void the_owner_always_gets_in() {
      settings(room.settings().withAccess(Visibility.PRIVATE, true, false));

      assertThat(join(OWEN, false).isRejected()).isFalse();
      assertThat(room.members().getFirst().role()).isEqualTo(Role.OWNER);
    }

    @Test
    void admitting_someone_already_on_the_roster_changes_nothing() {
      join(MEL, false);
      Room before = room;

      Decision d = admin(MEL, new AdminIntent.Admit(MEL.value(), false));

      assertThat(d.isRejected()).isFalse();
      assertThat(d.room()).isSameAs(before);
    }
  }

  @Nested
  class Roles {
    @Test
    void the_owner_makes_a_moderator_and_the_live_session_takes_the_role() {
      staffed();

      assertThat(room.roster().entry(MIA)).map(RosterEntry::role).contains(Role.MODERATOR);
      assertThat(room.sessionsOf(MIA)).extracting(Member::role).containsOnly(Role.MODERATOR);
    }

    @Test
    void nobody_but_the_owner_changes_roles_and_nobody_assigns_ownership() {
      staffed();

      assertThat(refusal(admin(MIA, new AdminIntent.ChangeRole(MEL, Role.GUEST)))).isEqualTo(ErrorCode.NOT_ALLOWED);
      assertThat(refusal(admin(MEL, new AdminIntent.ChangeRole(GIL, Role.MEMBER)))).isEqualTo(ErrorCode.NOT_ALLOWED);
      assertThat(refusal(admin(OWEN, new AdminIntent.ChangeRole(MEL, Role.OWNER))))
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(refusal(admin(OWEN, new AdminIntent.ChangeRole(OWEN, Role.MEMBER)))).isEqualTo(ErrorCode.NOT_ALLOWED);
      assertThat(refusal(admin(OWEN, new AdminIntent.ChangeRole(STRANGER, Role.MEMBER))))
          .isEqualTo(ErrorCode.UNKNOWN_USER);
    }

    @Test
    void someone_with_no_role_is_refused_every_change() {
      assertThat(refusal(admin(STRANGER, new AdminIntent.Kick(OWEN)))).isEqualTo(ErrorCode.NOT_A_MEMBER);
    }

    @Test
    void ownership_moves_whole_and_the_old_owner_becomes_moderator() {
      staffed();
      join(OWEN, false);

      Decision d = admin(OWEN, new AdminIntent.TransferOwnership(MEL));

      assertThat(d.isRejected()).isFalse();
      assertThat(room.roster().owner()).isEqualTo(MEL);
      assertThat(room.roster().entry(OWEN)).map(RosterEntry::role).contains(Role.MODERATOR);
      assertThat(room.sessionsOf(MEL)).extracting(Member::role).containsOnly(Role.OWNER);
      assertThat(room.sessionsOf(OWEN)).extracting(Member::role).containsOnly(Role.MODERATOR);
      assertThat(refusal(admin(OWEN, new AdminIntent.TransferOwnership(OWEN)))).isEqualTo(ErrorCode.NOT_ALLOWED);
    }
  }

  @Nested
  class KicksAndBans {
    @Test
    void a_moderator_kicks_a_member_whose_sessions_all_end_and_who_loses_their_place() {
      staffed();
      join(MEL, false); // a second device
      var melSessions = room.sessionsOf(MEL).stream().map(Member::id).toList();

      Decision d = admin(MIA, new AdminIntent.Kick(MEL));

      assertThat(room.sessionsOf(MEL)).isEmpty();
      assertThat(room.roster().entry(MEL)).isEmpty();
      assertThat(d.events()).contains(new MemberLeft(melSessions.get(0), LeaveReason.KICKED),
          new MemberLeft(melSessions.get(1), LeaveReason.KICKED));
    }

    @Test
    void moderators_cannot_act_on_moderators_or_the_owner_and_members_cannot_kick() {
      staffed();
      join(STRANGER, false);
      admin(OWEN, new AdminIntent.ChangeRole(STRANGER, Role.MODERATOR));

      assertThat(refusal(admin(MIA, new AdminIntent.Kick(STRANGER)))).isEqualTo(ErrorCode.NOT_ALLOWED);
      assertThat(refusal(admin(MIA, new AdminIntent.Ban(OWEN)))).isEqualTo(ErrorCode.NOT_ALLOWED);
      assertThat(refusal(admin(MEL, new AdminIntent.Kick(GIL)))).isEqualTo(ErrorCode.NOT_ALLOWED);
      assertThat(refusal(admin(MIA, new AdminIntent.Kick(MIA)))).isEqualTo(ErrorCode.NOT_ALLOWED);
    }

    @Test
    void a_banned_user_is_removed_and_kept_out_until_unbanned() {
      staffed();

      admin(MIA, new AdminIntent.Ban(GIL));

      assertThat(room.sessionsOf(GIL)).isEmpty();
      assertThat(refusal(join(GIL, true))).isEqualTo(ErrorCode.BANNED);
      assertThat(refusal(admin(GIL, new AdminIntent.Admit("Gil", true)))).isEqualTo(ErrorCode.BANNED);
      assertThat(refusal(admin(MEL, new AdminIntent.Unban(GIL)))).isEqualTo(ErrorCode.NOT_ALLOWED);
      admin(MIA, new AdminIntent.Unban(GIL));
      assertThat(join(GIL, true).isRejected()).isFalse();
    }

    @Test
    void banning_someone_who_never_came_keeps_them_out() {
      admin(OWEN, new AdminIntent.Ban(STRANGER));

      assertThat(refusal(join(STRANGER, false))).isEqualTo(ErrorCode.BANNED);
    }

    @Test
    void a_ban_of_the_only_buffering_member_lets_a_waiting_room_play() {
      staffed();
      MemberId mel = room.sessionsOf(MEL).getFirst().id();
      room = decider.decide(room, mel, new Intent.Play(room.timeline().version()), now).room();
      assertThat(room.timeline().state()).isEqualTo(PlaybackState.PLAYING);
      MemberId gil = room.sessionsOf(GIL).getFirst().id();
      room = decider.decide(room, gil, new Intent.Buffering(room.timeline().version()), now).room();
      assertThat(room.timeline().state()).isEqualTo(PlaybackState.WAITING);

      admin(OWEN, new AdminIntent.Ban(GIL));

      assertThat(room.timeline().state()).isEqualTo(PlaybackState.PLAYING);
    }
  }

  @Nested
  class Settings {
    @Test
    void moderators_change_settings_members_do_not() {
      staffed();
      RoomSettings renamed = room.settings().withName("Renamed");

      assertThat(refusal(admin(MEL, new AdminIntent.ChangeSettings(renamed)))).isEqualTo(ErrorCode.NOT_ALLOWED);
      assertThat(admin(MIA, new AdminIntent.ChangeSettings(renamed)).events())
          .containsExactly(new RoomEvent.SettingsChanged(renamed));
      assertThat(room.settings().name()).isEqualTo("Renamed");
    }
  }
}
