package dev.cowatch.server.room.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.ErrorCode;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.WireError;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.room.decisions.RoomRefusals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SocketErrorsTest {
  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void everyRoomRefusal_reachesTheSocket_asItsOwnWireCode(ErrorCode code) {
    Refusal refusal = RoomRefusals.of(code, "why");

    assertThat(SocketErrors.wireError(refusal)).isEqualTo(WireError.of(code));
  }

  @Test
  void theRoomModulesOtherRefusals_haveWireCodes() {
    assertThat(SocketErrors.wireError(RoomRefusals.roomNotFound("r1"))).isEqualTo(WireError.ROOM_NOT_FOUND);
    assertThat(SocketErrors.wireError(RoomRefusals.notAMember())).isEqualTo(WireError.NOT_A_MEMBER);
    assertThat(SocketErrors.wireError(RoomRefusals.forbidden("no"))).isEqualTo(WireError.NOT_ALLOWED);
    assertThat(SocketErrors.wireError(RoomRefusals.invalid("bad"))).isEqualTo(WireError.INVALID_ARGUMENT);
  }

  @Test
  void aDatabaseWithNoConnectionFreeInTime_isRefusedAsUnavailable_soAHelloClosesWithTryAgainLater() {
    // What HikariCP throws, wrapped as JDBI wraps it, when the pool has no connection within its wait.
    RuntimeException poolTimeout = new IllegalStateException("saving the roster failed",
        new java.sql.SQLTransientConnectionException("cowatch-db - Connection is not available, request timed out after 3003ms"));

    Refusal refusal = SocketErrors.refusalOrRethrow(poolTimeout);

    assertThat(SocketErrors.wireError(refusal)).isEqualTo(WireError.UNAVAILABLE);
    assertThat(SocketErrors.helloClose(WireError.UNAVAILABLE)).contains(
        new SocketErrors.Close(CloseCodes.TRY_AGAIN_LATER, "try again later"));
  }

  @Test
  void aFaultThatIsNoOutage_isRethrown_asTheBugItIs() {
    IllegalStateException bug = new IllegalStateException("room r1 changed under its lock");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SocketErrors.refusalOrRethrow(bug)).isSameAs(bug);
  }

  @Test
  void aTypeTheProtocolHasNoCodeFor_isAnInternalError() {
    Refusal uploadOnly = new Refusal(Refusal.Kind.TOO_LARGE, "upload-too-large", "too big");

    assertThat(SocketErrors.wireError(uploadOnly)).isEqualTo(WireError.INTERNAL);
  }

  @Test
  void aHelloRefused_forGood_closesWithTheCodeThatSaysWhy() {
    assertThat(SocketErrors.helloClose(WireError.ROOM_NOT_FOUND)).contains(
        new SocketErrors.Close(CloseCodes.ROOM_NOT_FOUND, "room not found"));
    assertThat(SocketErrors.helloClose(WireError.ROOM_FULL)).contains(
        new SocketErrors.Close(CloseCodes.ROOM_FULL, "room full"));
    assertThat(SocketErrors.helloClose(WireError.PASSWORD_REQUIRED)).contains(
        new SocketErrors.Close(CloseCodes.FORBIDDEN, "password_required"));
    assertThat(SocketErrors.helloClose(WireError.BANNED).map(SocketErrors.Close::code)).contains(CloseCodes.FORBIDDEN);
  }

  @Test
  void aHelloRefused_forAReasonTheClientCanMend_keepsTheConnection() {
    assertThat(SocketErrors.helloClose(WireError.INVALID_ARGUMENT)).isEmpty();
    assertThat(SocketErrors.helloClose(WireError.NOT_ALLOWED)).isEmpty();
  }
}
