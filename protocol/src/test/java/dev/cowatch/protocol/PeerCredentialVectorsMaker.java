package dev.cowatch.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Timeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;

/**
 * Writes {@code protocol/src/test/resources/p2p/peer-credential-vectors.json} (ECDSA signatures are
 * random, so the file is made once and kept; {@link PeerCredentialVectorsTest} and
 * web/test/peerFrameGate.test.ts check it). Run from protocol/ with the test classpath:
 * {@code java -cp target/classes:target/test-classes:<deps> dev.cowatch.protocol.PeerCredentialVectorsMaker}.
 */
final class PeerCredentialVectorsMaker {
  static final String ROOM = "r-vectors";
  static final long NOW = 1_800_000_000_000L;
  private static final KeyPair SERVER = seeded(1);
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PeerCredentialVectorsMaker() {}

  static KeyPair seeded(int n) {
    byte[] seed = new byte[32];
    seed[31] = (byte) n;
    seed[0] = 0x5a;
    return PeerKeys.fromSeed(seed);
  }

  public static void main(String[] args) throws Exception {
    KeyPair server = SERVER;
    KeyPair rogue = seeded(2);
    KeyPair ann = seeded(11);
    KeyPair mal = seeded(12);
    KeyPair ben = seeded(13);
    long hour = 3_600_000;
    PeerCredential annC = new PeerCredential(ROOM, "m-ann", "Ann", Role.OWNER, NOW + hour, PeerKeys.encode(ann.getPublic()));
    PeerCredential malC = new PeerCredential(ROOM, "m-mal", "Mallory", Role.GUEST, NOW + hour, PeerKeys.encode(mal.getPublic()));
    PeerCredential benC = new PeerCredential(ROOM, "m-ben", "Ben", Role.MEMBER, NOW + hour, PeerKeys.encode(ben.getPublic()));
    PeerFrameSeal annS = seal(ann, annC, server);
    PeerFrameSeal malS = seal(mal, malC, server);

    Timeline t = new Timeline("media:a", dev.cowatch.core.room.PlaybackState.PAUSED, 1_000, NOW - 5_000, 1.0, 8);
    Timeline forged = new Timeline("media:stolen", dev.cowatch.core.room.PlaybackState.PLAYING, 0, NOW, 1.0, 99);
    SyncFrame ping = new SyncFrame.Ping(NOW);
    SyncFrame annChat = new SyncFrame.Chat("l-1", "m-ann", "Ann", "hello", NOW);
    SyncFrame malChatAsAdmin = new SyncFrame.Chat("l-2", "m-mal", "Admin", "click here", NOW);
    SyncFrame malChatAsAnn = new SyncFrame.Chat("l-3", "m-ann", "Ann", "I am Ann", NOW);
    SyncFrame annTimeline = new SyncFrame.TimelineFrame(t, 7, "m-ann", "m-ben", "pause");
    SyncFrame malTimelineAsAnn = new SyncFrame.TimelineFrame(forged, 7, "m-ann", "", "server");
    SyncFrame malServerTimeline = new SyncFrame.TimelineFrame(forged, 99, "", "", "server");
    SyncFrame malHelloOwner = new SyncFrame.Hello("m-mal", Role.OWNER, 7, true);
    SyncFrame malHelloAsAnn = new SyncFrame.Hello("m-ann", Role.OWNER, 7, true);
    SyncFrame annIntent = new SyncFrame.IntentFrame(new Intent.Play(8), "r1");

    ObjectNode root = MAPPER.createObjectNode();
    root.put("comment", "Signed peer frames (docs/protocol.md 3.13), shared by protocol/.../PeerCredentialVectorsTest.java"
        + " (PeerFrameGate) and web/test/peerFrameGate.test.ts (peerFrameGate.ts). Each case opens its 'steps' in order"
        + " with one fresh gate for 'room' at 'nowMs' and the server key 'serverKey'; 'expect' is the frame as accepted"
        + " (a chat line's name and a hello's role are the credential's) with its signer, or null when refused ('why' then says why, in the same words on both sides)."
        + " Made by PeerCredentialVectorsMaker (ECDSA signatures are random); the private keys are here so that"
        + " each side can also sign and read its own frames.");
    root.put("room", ROOM).put("nowMs", NOW).put("serverKey", PeerKeys.encode(server.getPublic()));
    ObjectNode keys = root.putObject("memberKeys");
    keys.put("m-ann", pkcs8(ann.getPrivate()));
    keys.put("m-mal", pkcs8(mal.getPrivate()));
    ObjectNode creds = root.putObject("credentials");
    for (var e : List.of(List.of("m-ann", annC), List.of("m-mal", malC))) {
      PeerCredential c = (PeerCredential) e.get(1);
      creds.putObject((String) e.get(0)).put("text", c.text()).put("signature", c.sign(server.getPrivate()));
    }
    ArrayNode cases = root.putArray("cases");

    one(cases, "a ping from its signer's channel", "m-ann", annS.seal(ping), ping, annC);
    one(cases, "an intent from its signer's channel", "m-ann", annS.seal(annIntent), annIntent, annC);
    one(cases, "an intent signed by another member than the channel's", "m-ben", annS.seal(annIntent), null, null);
    one(cases, "a hello: the role is the credential's, not the one claimed", "m-mal", malS.seal(malHelloOwner),
        new SyncFrame.Hello("m-mal", Role.GUEST, 7, true), malC);
    one(cases, "a hello in another member's name", "m-mal", malS.seal(malHelloAsAnn), null, null);
    one(cases, "a chat line: the name is the credential's", "m-mal", malS.seal(malChatAsAdmin),
        new SyncFrame.Chat("l-2", "m-mal", "Mallory", "click here", NOW), malC);
    one(cases, "a chat line relayed by another member", "m-ben", annS.seal(annChat), annChat, annC);
    one(cases, "a chat line in another member's name", "m-mal", malS.seal(malChatAsAnn), null, null);
    one(cases, "a timeline decided by its signer, told by another member", "m-ben", annS.seal(annTimeline), annTimeline, annC);
    one(cases, "a timeline claiming another member decided it", "m-mal", malS.seal(malTimelineAsAnn), null, null);
    one(cases, "a timeline said to be the server's passes the gate (the role rule is core's)", "m-mal",
        malS.seal(malServerTimeline), malServerTimeline, malC);

    // Credentials that do not check out.
    PeerFrameSeal selfMade = seal(mal, new PeerCredential(ROOM, "m-mal", "Mallory", Role.OWNER, NOW + hour,
        PeerKeys.encode(mal.getPublic())), rogue);
    one(cases, "a credential signed by another key than the server's", "m-mal", selfMade.seal(ping), null, null);
    String owner = malC.text().replace("\"guest\"", "\"owner\"");
    one(cases, "a credential whose role was changed after the server signed it", "m-mal",
        new PeerFrameSeal(mal.getPrivate(), owner, malC.sign(server.getPrivate())).seal(ping), null, null);
    String renamed = malC.text().replace("Mallory", "Ann");
    one(cases, "a credential whose name was changed after the server signed it", "m-mal",
        new PeerFrameSeal(mal.getPrivate(), renamed, malC.sign(server.getPrivate())).seal(ping), null, null);
    PeerCredential elsewhere = new PeerCredential("r-other", "m-mal", "Mallory", Role.OWNER, NOW + hour,
        PeerKeys.encode(mal.getPublic()));
    one(cases, "a credential for another room", "m-mal", seal(mal, elsewhere, server).seal(ping), null, null);
    PeerCredential expired = new PeerCredential(ROOM, "m-ann", "Ann", Role.OWNER, NOW, PeerKeys.encode(ann.getPublic()));
    one(cases, "a credential that expired (at nowMs)", "m-ann", seal(ann, expired, server).seal(ping), null, null);
    PeerCredential benKeyAnn = new PeerCredential(ROOM, "m-ben", "Ben", Role.MEMBER, NOW + hour, PeerKeys.encode(ben.getPublic()));
    one(cases, "a frame signed by another key than the credential's", "m-ben",
        new PeerFrameSeal(mal.getPrivate(), benKeyAnn.text(), benKeyAnn.sign(server.getPrivate())).seal(ping), null, null);
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair p384 = g.generateKeyPair();
    PeerCredential wrongCurve = new PeerCredential(ROOM, "m-mal", "Mallory", Role.GUEST, NOW + hour, PeerKeys.encode(p384.getPublic()));
    ObjectNode wc = (ObjectNode) MAPPER.readTree(malS.seal(ping));
    wc.put("credential", wrongCurve.text()).put("cs", PeerKeys.sign(server.getPrivate(), PeerCredential.SIGNED_PREFIX + wrongCurve.text()));
    one(cases, "a credential whose key is not P-256", "m-mal", wc.toString(), null, null);
    one(cases, "the server's signature of the credential made by the member", "m-mal",
        new PeerFrameSeal(mal.getPrivate(), malC.text(), malC.sign(mal.getPrivate())).seal(ping), null, null);

    // Envelopes broken after signing.
    ObjectNode tampered = (ObjectNode) MAPPER.readTree(annS.seal(annTimeline));
    tampered.put("frame", tampered.get("frame").asText().replace("media:a", "media:stolen"));
    one(cases, "a timeline changed after it was signed", "m-ben", tampered.toString(), null, null);
    ObjectNode reseq = (ObjectNode) MAPPER.readTree(annS.seal(ping));
    reseq.put("seq", reseq.get("seq").asLong() + 1000);
    one(cases, "a sequence number changed after it was signed", "m-ann", reseq.toString(), null, null);
    ObjectNode der = (ObjectNode) MAPPER.readTree(annS.seal(ping));
    der.put("sig", derSignature(ann.getPrivate(), PeerFrameSeal.signed(der.get("seq").asLong(), der.get("frame").asText())));
    one(cases, "a DER signature (the JDK's default, not P1363)", "m-ann", der.toString(), null, null);
    one(cases, "a frame without an envelope", "m-ann", SyncFrames.encode(ping), null, null);
    one(cases, "a signed text that is not a frame", "m-ann", annS.envelope("{\"t\":\"nonsense\"}", 500), null, null);
    one(cases, "sequence number 0", "m-ann", annS.envelope(SyncFrames.encode(ping), 0), null, null);
    ObjectNode noCred = (ObjectNode) MAPPER.readTree(annS.seal(ping));
    noCred.remove("credential");
    one(cases, "an envelope without its credential", "m-ann", noCred.toString(), null, null);

    // Replays.
    String once = annS.seal(annChat);
    steps(cases, "the same envelope twice: the second is a replay", "m-ann", List.of(once, once),
        new SyncFrame[] {annChat, null}, annC);
    String a = annS.seal(ping);
    String b = annS.seal(ping);
    steps(cases, "out of order within the window, then a repeat", "m-ann", List.of(b, a, a),
        new SyncFrame[] {ping, ping, null}, annC);
    String old = annS.envelope(SyncFrames.encode(ping), 1000);
    String older = annS.envelope(SyncFrames.encode(ping), 1000 - ReplayWindow.WIDTH);
    steps(cases, "more than the window below the highest: too old", "m-ann", List.of(old, older),
        new SyncFrame[] {ping, null}, annC);

    Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/p2p/peer-credential-vectors.json");
    Files.writeString(out, MAPPER.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
  }

  private static PeerFrameSeal seal(KeyPair member, PeerCredential c, KeyPair server) {
    return new PeerFrameSeal(member.getPrivate(), c.text(), c.sign(server.getPrivate()));
  }

  private static void one(ArrayNode cases, String name, String from, String text, SyncFrame expect, PeerCredential signer)
      throws Exception {
    steps(cases, name, from, List.of(text), new SyncFrame[] {expect}, signer);
  }

  private static void steps(ArrayNode cases, String name, String from, List<String> texts, SyncFrame[] expect,
      PeerCredential signer) throws Exception {
    ObjectNode c = cases.addObject().put("name", name);
    ArrayNode steps = c.putArray("steps");
    PeerFrameGate gate = new PeerFrameGate(SERVER.getPublic(), ROOM);
    for (int i = 0; i < texts.size(); i++) {
      ObjectNode s = steps.addObject().put("from", from).put("text", texts.get(i));
      PeerFrameGate.Opened opened = gate.open(from, texts.get(i), NOW);
      if (expect[i] == null) {
        // Why, as PeerFrameGate said it when the file was made (each reviewed by hand): both sides must agree.
        s.putNull("expect").put("why", ((PeerFrameGate.Refused) opened).why());
      } else {
        s.putObject("expect").set("frame", MAPPER.readTree(SyncFrames.encode(expect[i])));
        ((ObjectNode) s.get("expect")).put("signer", signer.memberId()).put("name", signer.name())
            .put("role", Wire.name(signer.role()));
      }
    }
  }

  private static String pkcs8(PrivateKey key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getEncoded());
  }

  private static String derSignature(PrivateKey key, String message) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key);
    s.update(message.getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
  }
}
