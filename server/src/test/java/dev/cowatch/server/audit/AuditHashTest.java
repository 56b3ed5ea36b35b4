package dev.cowatch.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditHashTest {

  /** Vectors computed outside Java (Python hashlib over the documented encoding), so the format is pinned. */
  @Test
  void of_matchesTheDocumentedEncoding() {
    assertThat(AuditHash.of(1, 1_700_000_000_000L, "ROOM_CREATED", "u-1", "room:abc", "{\"name\":\"Kino\"}", null,
        AuditHash.GENESIS)).isEqualTo("f5583750a4aed5af15879cedf05639b9b8a8886d9446664646468cb0a923fa8e");
    assertThat(AuditHash.of(2, 1_700_000_000_001L, "SIGN_IN_FAILED", null, "email:ü@example.org", "{}", "::1",
        "ab".repeat(32))).isEqualTo("fde7c4f2ea8ea08b42391df2907b6331e7904386d215452654227d86df7053df");
  }

  @Test
  void of_distinguishesNullFromEmptyAndFieldBoundaries() {
    String base = AuditHash.of(1, 2, "A", "ab", "c", "{}", null, AuditHash.GENESIS);
    assertThat(AuditHash.of(1, 2, "A", "a", "bc", "{}", null, AuditHash.GENESIS)).isNotEqualTo(base);
    assertThat(AuditHash.of(1, 2, "A", "ab", "c", "{}", "", AuditHash.GENESIS)).isNotEqualTo(base);
    assertThat(AuditHash.of(12, 2, "A", "ab", "c", "{}", null, AuditHash.GENESIS))
        .isNotEqualTo(AuditHash.of(1, 22, "A", "ab", "c", "{}", null, AuditHash.GENESIS));
  }

  @Test
  void genesis_isSixtyFourZeros() {
    assertThat(AuditHash.GENESIS).hasSize(64).matches("0+");
  }

  @Test
  void canonicalJson_sortsKeysAndEscapesOnlyWhatJsonRequires() {
    assertThat(AuditHash.canonicalJson(Map.of("role", "moderator", "from", "member", "b\"q", "x\\y\n\u0001é")))
        .isEqualTo("{\"b\\\"q\":\"x\\\\y\\n\\u0001é\",\"from\":\"member\",\"role\":\"moderator\"}");
    assertThat(AuditHash.canonicalJson(Map.of())).isEqualTo("{}");
  }
}
