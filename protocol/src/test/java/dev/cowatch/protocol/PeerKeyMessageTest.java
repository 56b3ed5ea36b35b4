package dev.cowatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

/** The {@code peerKey} message takes a P-256 public key and nothing else (docs/protocol.md 3.13). */
class PeerKeyMessageTest {
  private final JsonCodec codec = new JsonCodec();

  @Test
  void aP256Key_isAPeerKey() throws Exception {
    String key = PeerKeys.encode(PeerKeys.generate().getPublic());
    assertThat(codec.decodeClient("{\"type\":\"peerKey\",\"key\":\"" + key + "\"}"))
        .isEqualTo(new ClientMessage.PeerKey(key));
  }

  @Test
  void anythingElse_isAnInvalidField() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp384r1"));
    String p384 = PeerKeys.encode(g.generateKeyPair().getPublic());
    for (String json : new String[] {"{\"type\":\"peerKey\"}", "{\"type\":\"peerKey\",\"key\":\"not a key\"}",
        "{\"type\":\"peerKey\",\"key\":\"" + p384 + "\"}", "{\"type\":\"peerKey\",\"key\":42}"}) {
      assertThatThrownBy(() -> codec.decodeClient(json)).as(json).isInstanceOfSatisfying(ProtocolException.class,
          e -> assertThat(e.error()).isIn(WireError.INVALID_FIELD));
    }
  }
}
