package dev.cowatch.core.room;

import static dev.cowatch.core.room.Action.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The permission table, row by row, as docs/api.md prints it. */
class PermissionsTest {
  private static final RoomSettings OPEN = RoomSettings.defaults("r", 5_000);
  private static final RoomSettings MODERATED = OPEN.withControlMode(ControlMode.MODERATORS);

  static Stream<Arguments> table() {
    Set<Action> everything = EnumSet.allOf(Action.class);
    Set<Action> staff = EnumSet.of(CONTROL_PLAYBACK, CHANGE_MEDIA, EDIT_QUEUE, CHAT, MODERATE_CHAT, INVITE, KICK, BAN,
        CHANGE_SETTINGS);
    return Stream.of(
        Arguments.of(Role.OWNER, OPEN, everything),
        Arguments.of(Role.OWNER, MODERATED, everything),
        Arguments.of(Role.MODERATOR, OPEN, staff),
        Arguments.of(Role.MODERATOR, MODERATED, staff),
        Arguments.of(Role.MEMBER, OPEN, EnumSet.of(CONTROL_PLAYBACK, CHANGE_MEDIA, EDIT_QUEUE, CHAT, INVITE)),
        Arguments.of(Role.MEMBER, MODERATED, EnumSet.of(CHAT, INVITE)),
        Arguments.of(Role.GUEST, OPEN, EnumSet.of(CONTROL_PLAYBACK, CHAT)),
        Arguments.of(Role.GUEST, MODERATED, EnumSet.of(CHAT)));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("table")
  void each_role_may_do_exactly_its_row(Role role, RoomSettings settings, Set<Action> allowed) {
    for (Action action : Action.values()) {
      assertThat(Permissions.allows(role, action, settings)).as("%s %s", role, action).isEqualTo(allowed.contains(action));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("roles")
  void actions_on_people_need_a_strictly_higher_role(Role actor) {
    for (Role target : Role.values()) {
      boolean expected = Permissions.allows(actor, KICK, OPEN) && actor.ordinal() < target.ordinal();
      assertThat(Permissions.allowsOn(actor, KICK, target, OPEN)).as("%s kicks %s", actor, target).isEqualTo(expected);
    }
  }

  static Stream<Role> roles() {
    return Stream.of(Role.values());
  }
}
