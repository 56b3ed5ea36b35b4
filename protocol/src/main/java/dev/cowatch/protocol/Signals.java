package dev.cowatch.protocol;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a {@code signal} message (docs/protocol.md, "Peer-to-peer signaling"): what a member
 * relays to another member of its room to set up a WebRTC connection, for any purpose (a shared file,
 * later sync or voice). The server reads nothing inside the payload; it checks these rules, that both
 * ends are members of the room, and the rate. web/src/p2p/signals.ts is the TypeScript twin, held to
 * the same answers by protocol/src/test/resources/signal-vectors.json.
 */
public final class Signals {
  private Signals() {}

  /** An SDP offer, its answer, one ICE candidate, a refusal, or the end of the session. */
  public static final Set<String> KINDS = Set.of("offer", "answer", "candidate", "refuse", "hangup");
  /** Kinds that mean nothing without a payload. */
  static final Set<String> NEED_PAYLOAD = Set.of("offer", "answer", "candidate");
  /**
   * A data-channel SDP with trickled candidates is 0.5-2 KB (measured in Chromium 156); the payload may
   * also describe what is offered (a file's name and size). 8 KiB, escaped, stays under the 16 KiB frame.
   */
  public static final int MAX_PAYLOAD_CHARS = 8_192;
  static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  static final int MAX_MEMBER_ID_CHARS = 64;

  /** Checks a signal's fields; the exception names the first field that breaks a rule. */
  static void check(String to, String session, String purpose, String kind, String payload) {
    Fields.require(to, "to");
    if (to.isEmpty() || to.length() > MAX_MEMBER_ID_CHARS) fail("to", "must be a member id");
    Fields.require(session, "session");
    if (!SESSION.matcher(session).matches()) fail("session", "must be 1-64 letters, digits, '-' or '_'");
    Fields.require(purpose, "purpose");
    if (!PURPOSE.matcher(purpose).matches()) fail("purpose", "must be 1-32 lower-case letters, digits or '-'");
    Fields.require(kind, "kind");
    if (!KINDS.contains(kind)) fail("kind", "must be one of offer, answer, candidate, refuse, hangup");
    if (payload == null && NEED_PAYLOAD.contains(kind)) fail("payload", "is required for " + kind);
    if (payload != null && payload.length() > MAX_PAYLOAD_CHARS) {
      fail("payload", "must be at most " + MAX_PAYLOAD_CHARS + " characters");
    }
  }

  private static void fail(String field, String rule) {
    throw new Fields.FieldException("field '" + field + "' " + rule);
  }
}
