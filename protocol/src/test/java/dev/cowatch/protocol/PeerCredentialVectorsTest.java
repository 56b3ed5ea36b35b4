package dev.cowatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.core.room.Role;
import java.io.IOException;
import java.io.InputStream;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The signed peer frame rules, from the vectors web/test/peerFrameGate.test.ts runs on peerFrameGate.ts too. */
class PeerCredentialVectorsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNode FILE = file();

  private static JsonNode file() {
    try (InputStream in = PeerCredentialVectorsTest.class.getResourceAsStream("/p2p/peer-credential-vectors.json")) {
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Named<JsonNode>> cases() {
    List<Named<JsonNode>> out = new ArrayList<>();
    for (JsonNode c : FILE.get("cases")) out.add(Named.of(c.get("name").asText(), c));
    return out.stream();
  }

  private static PeerFrameGate gate() {
    return new PeerFrameGate(PeerKeys.decode(FILE.get("serverKey").asText()).orElseThrow(), FILE.get("room").asText());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void open_followsTheSharedVectors(JsonNode c) throws IOException {
    PeerFrameGate gate = gate();
    long now = FILE.get("nowMs").asLong();
    for (JsonNode step : c.get("steps")) {
      PeerFrameGate.Opened opened = gate.open(step.get("from").asText(), step.get("text").asText(), now);
      JsonNode expect = step.get("expect");
      if (expect.isNull()) {
        assertThat(opened).as(step.get("text").asText()).isInstanceOfSatisfying(PeerFrameGate.Refused.class,
            r -> assertThat(r.why()).isEqualTo(step.get("why").asText()));
        continue;
      }
      assertThat(opened).as(opened.toString()).isInstanceOf(PeerFrameGate.Accepted.class);
      PeerFrameGate.Accepted a = (PeerFrameGate.Accepted) opened;
      assertThat(MAPPER.readTree(SyncFrames.encode(a.frame()))).isEqualTo(expect.get("frame"));
      assertThat(a.signer().memberId()).isEqualTo(expect.get("signer").asText());
      assertThat(a.signer().name()).isEqualTo(expect.get("name").asText());
      assertThat(Wire.name(a.signer().role())).isEqualTo(expect.get("role").asText());
      assertThat(a.envelope()).isEqualTo(step.get("text").asText());
    }
  }

  @Test
  void vectors_holdEveryKindOfRefusal() {
    assertThat(cases().count()).isGreaterThan(25);
    assertThat(FILE.toString()).contains("\"expect\":null");
  }

  /** Java seals a frame with a key from the vectors; its own gate, and (by the file) the web's, read it back. */
  @Test
  void sealedHere_opensHere_withTheCredentialsName() throws Exception {
    PrivateKey mal = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
        Base64.getUrlDecoder().decode(FILE.get("memberKeys").get("m-mal").asText())));
    JsonNode cred = FILE.get("credentials").get("m-mal");
    PeerFrameSeal seal = new PeerFrameSeal(mal, cred.get("text").asText(), cred.get("signature").asText());
    PeerFrameGate gate = gate();
    long now = FILE.get("nowMs").asLong();

    String first = seal.seal(new SyncFrame.Chat("l-9", "m-mal", "Owner", "hi", now));
    PeerFrameGate.Opened opened = gate.open("m-ben", first, now);

    assertThat(opened).isInstanceOfSatisfying(PeerFrameGate.Accepted.class, a -> {
      assertThat(a.frame()).isEqualTo(new SyncFrame.Chat("l-9", "m-mal", "Mallory", "hi", now));
      assertThat(a.signer().role()).isEqualTo(Role.GUEST);
    });
    assertThat(gate.open("m-ben", first, now)).isInstanceOf(PeerFrameGate.Refused.class);
    assertThat(gate.open("m-mal", seal.seal(new SyncFrame.Ping(1)), now)).isInstanceOf(PeerFrameGate.Accepted.class);
  }

  @Test
  void serverKeyFromSeed_signsWhatItsPublicHalfVerifies_andIsTheSameForTheSameSeed() {
    byte[] seed = new byte[32];
    seed[3] = 7;
    var one = PeerKeys.fromSeed(seed);
    var again = PeerKeys.fromSeed(seed.clone());
    String sig = PeerKeys.sign(one.getPrivate(), "m");

    assertThat(PeerKeys.verify(one.getPublic(), "m", sig)).isTrue();
    assertThat(PeerKeys.verify(one.getPublic(), "n", sig)).isFalse();
    assertThat(PeerKeys.encode(again.getPublic())).isEqualTo(PeerKeys.encode(one.getPublic()));
    PublicKey decoded = PeerKeys.decode(PeerKeys.encode(one.getPublic())).orElseThrow();
    assertThat(PeerKeys.verify(decoded, "m", sig)).isTrue();
  }
}
