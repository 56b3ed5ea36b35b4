package dev.cowatch.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code authorization-matrix.tsv} is read: the mistakes of a table that must fail before any request. */
class MatrixTableTest {

  @Test
  void aRowNamingAnUnknownActor_fails_andSaysWhich() {
    assertThatThrownBy(() -> AuthorizationMatrix.parse("GET /api/me  member,admin  200\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1").hasMessageContaining("'admin'");
  }

  @Test
  void theWebsActors_areNoSyncplayActors_andTheOtherWayRound() {
    assertThatThrownBy(() -> AuthorizationMatrix.parse("SP  Hello@open  member  applied\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'member'");
    assertThatThrownBy(() -> AuthorizationMatrix.parse("WS  chat  no-password  applied\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'no-password'");
  }

  @Test
  void star_standsForEveryActorNoOtherRowOfTheOperationNames() {
    AuthorizationMatrix m = AuthorizationMatrix.parse("""
        # a comment, and a blank line

        GET  /api/me  anonymous,signed-out  401:unauthorized
        GET  /api/me  *                     200   # the rest
        GET  /api/x   owner                 204
        SP   Chat@open  wrong-password      not-joined
        SP   Chat@open  *                   applied
        """);

    for (String actor : AuthorizationMatrix.ACTORS) {
      int line = actor.equals("anonymous") || actor.equals("signed-out") ? 3 : 4;
      assertThat(m.rowFor("GET /api/me", actor)).as(actor).hasValueSatisfying(r -> assertThat(r.line()).isEqualTo(line));
    }
    assertThat(m.rowFor("GET /api/x", "member")).as("no * row: the other actors have no answer").isEmpty();
    assertThat(m.rowFor("SP Chat@open", "no-password")).hasValueSatisfying(r -> assertThat(r.line()).isEqualTo(7));
    assertThat(m.rowFor("SP Chat@open", "password")).hasValueSatisfying(r -> assertThat(r.line()).isEqualTo(7));
    assertThat(m.rowFor("SP Chat@open", "wrong-password")).hasValueSatisfying(r -> assertThat(r.line()).isEqualTo(6));
    assertThat(m.operations(java.util.Set.of("GET"))).containsExactly("GET /api/me", "GET /api/x");
  }

  @Test
  void anActorInTwoRowsOfOneOperation_fails_namingBothLines() {
    assertThatThrownBy(() -> AuthorizationMatrix.parse("""
        GET  /api/me  anonymous,member  401
        GET  /api/x   member            200
        GET  /api/me  owner,member      200
        """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3: member already has line 1");
  }

  @Test
  void twoStarRowsOfOneOperation_orAnActorTwiceInOneRow_fail() {
    assertThatThrownBy(() -> AuthorizationMatrix.parse("GET /api/me * 200\nGET /api/me * 401\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2: a second * row, after line 1");
    assertThatThrownBy(() -> AuthorizationMatrix.parse("GET /api/me owner,owner 200\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("owner named twice");
  }

  @Test
  void answers_matchByHeadAndKind() {
    AuthorizationMatrix.Expected e = AuthorizationMatrix.parse("GET /a * 4xx\n").rowFor("GET /a", "owner")
        .orElseThrow().expected();
    assertThat(List.of("403", "401:unauthorized", "404:not-found")).allMatch(e::matches);
    assertThat(e.matches("200")).isFalse();
    AuthorizationMatrix.Expected typed = AuthorizationMatrix.parse("GET /a * 403:banned hides:/x,/y\n")
        .rowFor("GET /a", "owner").orElseThrow().expected();
    assertThat(typed.matches("403:banned")).isTrue();
    assertThat(typed.matches("403:invite-required")).isFalse();
    assertThat(typed.matches("403")).as("the table names a kind: an answer without one is not it").isFalse();
    assertThat(typed.hides()).containsExactly("/x", "/y");
  }

  @Test
  void aRowWithoutAnAnswer_orAFifthCellThatIsNoHides_fails() {
    assertThatThrownBy(() -> AuthorizationMatrix.parse("GET /api/me owner\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
    assertThatThrownBy(() -> AuthorizationMatrix.parse("GET /api/me owner 200 shows:/x\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hides:");
  }
}
