package dev.cowatch.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.StrangerView.Field;
import dev.cowatch.core.room.StrangerView.Lock;
import dev.cowatch.core.room.StrangerView.Sight;
import dev.cowatch.core.room.StrangerView.Viewer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The one table of what a stranger sees of a room, cell by cell as docs/api.md prints it. */
class StrangerViewTest {

  private static RoomSettings settings(Visibility v, boolean password, boolean guests) {
    return RoomSettings.defaults("Room", 5_000).withAccess(v, password, guests);
  }

  @Nested
  class TheTable {
    // The table of docs/api.md, "What strangers see": visibility, password, guests, then one column per viewer.
    @ParameterizedTest(name = "{0} password={1} guests={2}: {3} {4} {5} {6} {7}")
    @CsvSource({
        // visibility password guests  ANONYMOUS GUEST ACCOUNT BANNED MEMBER
        "PUBLIC,   false, true,   WHOLE,  WHOLE,  WHOLE,  NAMED,  WHOLE",
        "UNLISTED, false, true,   WHOLE,  WHOLE,  WHOLE,  NAMED,  WHOLE",
        "PUBLIC,   false, false,  CARD,   CARD,   WHOLE,  NAMED,  WHOLE",
        "UNLISTED, false, false,  CARD,   CARD,   WHOLE,  NAMED,  WHOLE",
        "PUBLIC,   true,  true,   NAMED,  NAMED,  NAMED,  NAMED,  WHOLE",
        "UNLISTED, true,  true,   NAMED,  NAMED,  NAMED,  NAMED,  WHOLE",
        "PUBLIC,   true,  false,  NAMED,  NAMED,  NAMED,  NAMED,  WHOLE",
        "UNLISTED, true,  false,  NAMED,  NAMED,  NAMED,  NAMED,  WHOLE",
        "PRIVATE,  false, true,   EXISTS, EXISTS, EXISTS, EXISTS, WHOLE",
        "PRIVATE,  false, false,  EXISTS, EXISTS, EXISTS, EXISTS, WHOLE",
        "PRIVATE,  true,  true,   EXISTS, EXISTS, EXISTS, EXISTS, WHOLE",
        "PRIVATE,  true,  false,  EXISTS, EXISTS, EXISTS, EXISTS, WHOLE",
    })
    void every_kind_of_room_shows_each_viewer_what_the_table_says(Visibility v, boolean password, boolean guests,
        Sight anonymous, Sight guest, Sight account, Sight banned, Sight member) {
      RoomSettings s = settings(v, password, guests);

      List<Sight> seen = new ArrayList<>();
      for (Viewer viewer : Viewer.values()) seen.add(StrangerView.sight(s, viewer));

      assertThat(seen).containsExactly(anonymous, guest, account, banned, member);
    }

    @ParameterizedTest
    @CsvSource({
        "EXISTS, EXISTENCE",
        "NAMED,  EXISTENCE NAME",
        "CARD,   EXISTENCE NAME OWNER PRESENT TITLE POSITION POSTER",
        "WHOLE,  EXISTENCE NAME OWNER PRESENT TITLE POSITION POSTER TIMELINE QUEUE",
    })
    void each_sight_shows_exactly_its_fields(Sight sight, String fields) {
      List<Field> expected = java.util.Arrays.stream(fields.split(" ")).map(Field::valueOf).toList();

      assertThat(sight.fields()).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Nested
  class TheStrongestLockDecides {
    @Test
    void a_private_room_is_private_whatever_its_password_and_guest_rule() {
      for (boolean password : new boolean[] {false, true}) {
        for (boolean guests : new boolean[] {false, true}) {
          assertThat(Lock.of(settings(Visibility.PRIVATE, password, guests))).isEqualTo(Lock.PRIVATE);
        }
      }
    }

    @Test
    void a_password_comes_before_the_guest_rule() {
      assertThat(Lock.of(settings(Visibility.UNLISTED, true, false))).isEqualTo(Lock.PASSWORD);
      assertThat(Lock.of(settings(Visibility.PUBLIC, false, false))).isEqualTo(Lock.NO_GUESTS);
      assertThat(Lock.of(settings(Visibility.PUBLIC, false, true))).isEqualTo(Lock.OPEN);
    }

    @ParameterizedTest
    @EnumSource(Viewer.class)
    void no_stranger_sees_more_of_a_room_than_of_the_same_room_with_one_more_lock(Viewer viewer) {
      // Adding a lock (private, a password, refusing guests) may only hide things, never show more.
      for (Visibility v : Visibility.values()) {
        for (boolean password : new boolean[] {false, true}) {
          Sight open = StrangerView.sight(settings(v, password, true), viewer);
          Sight closed = StrangerView.sight(settings(v, password, false), viewer);
          assertThat(closed.ordinal()).isLessThanOrEqualTo(open.ordinal());
          assertThat(StrangerView.sight(settings(v, true, true), viewer).ordinal())
              .isLessThanOrEqualTo(StrangerView.sight(settings(v, false, true), viewer).ordinal());
          assertThat(StrangerView.sight(settings(Visibility.PRIVATE, password, true), viewer).ordinal())
              .isLessThanOrEqualTo(open.ordinal());
        }
      }
    }

    @Test
    void only_public_rooms_are_listed_and_the_listing_is_the_anonymous_column() {
      assertThat(StrangerView.listed(Visibility.PUBLIC)).isTrue();
      assertThat(StrangerView.listed(Visibility.UNLISTED)).isFalse();
      assertThat(StrangerView.listed(Visibility.PRIVATE)).isFalse();
      for (Lock lock : Lock.values()) {
        assertThat(StrangerView.toAnyone(lock)).isEqualTo(StrangerView.sight(lock, Viewer.ANONYMOUS));
      }
    }
  }

  @Nested
  class TheRefusalTold {
    @Test
    void a_private_room_asks_a_guest_for_an_invite_not_for_an_account() {
      // Admission checks the guest rule first (it holds even with an invite); a stranger is told the invite.
      RoomSettings s = settings(Visibility.PRIVATE, false, false);
      ErrorCode admission = Admission.newcomerRefusal(s, true).orElseThrow();

      assertThat(admission).isEqualTo(ErrorCode.GUESTS_NOT_ALLOWED);
      assertThat(StrangerView.refusalShown(s, Viewer.GUEST, admission)).isEqualTo(ErrorCode.INVITE_REQUIRED);
      assertThat(StrangerView.refusalShown(s, Viewer.ANONYMOUS, admission)).isEqualTo(ErrorCode.INVITE_REQUIRED);
    }

    @Test
    void a_ban_is_told_as_it_is_and_other_rooms_say_what_admission_found() {
      RoomSettings priv = settings(Visibility.PRIVATE, false, true);
      RoomSettings noGuests = settings(Visibility.UNLISTED, false, false);

      assertThat(StrangerView.refusalShown(priv, Viewer.BANNED, ErrorCode.BANNED)).isEqualTo(ErrorCode.BANNED);
      assertThat(StrangerView.refusalShown(noGuests, Viewer.GUEST, ErrorCode.GUESTS_NOT_ALLOWED))
          .isEqualTo(ErrorCode.GUESTS_NOT_ALLOWED);
      assertThat(StrangerView.refusalShown(noGuests, Viewer.ACCOUNT, null)).isNull();
      assertThat(StrangerView.refusalShown(priv, Viewer.MEMBER, null)).isNull();
    }
  }
}
