package dev.cowatch.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Just enough of a TURN client (RFC 8656 over UDP, long-term credentials of RFC 8489) to ask a relay for an
 * allocation and then for permission to reach a peer: what a room member holding Cowatch's TURN credential
 * can do with any address it likes. Credentials are coturn's {@code use-auth-secret} ones, as Cowatch makes
 * them (user name {@code <expiry>:<user>}, password base64(HMAC-SHA1(secret, user name))).
 */
final class TurnClient implements AutoCloseable {
  private static final int MAGIC = 0x2112A442;
  private static final int ALLOCATE = 0x0003;
  private static final int CREATE_PERMISSION = 0x0008;
  private static final int USERNAME = 0x0006;
  private static final int MESSAGE_INTEGRITY = 0x0008;
  private static final int ERROR_CODE = 0x0009;
  private static final int XOR_PEER_ADDRESS = 0x0012;
  private static final int REALM = 0x0014;
  private static final int NONCE = 0x0015;
  private static final int REQUESTED_TRANSPORT = 0x0019;

  /** A response: 200 for success, else the ERROR-CODE's number (401, 403 ...) and its reason. */
  record Answer(int code, String reason) {}

  private final DatagramSocket socket;
  private final InetSocketAddress server;
  private final String username;
  private final byte[] key;
  private final SecureRandom random = new SecureRandom();
  private String realm;
  private String nonce;

  TurnClient(String host, int port, String secret, String user) throws IOException {
    this.socket = new DatagramSocket();
    socket.setSoTimeout(3_000);
    this.server = new InetSocketAddress(host, port);
    this.username = (System.currentTimeMillis() / 1000 + 3600) + ":" + user;
    this.key = password(secret, username).getBytes(StandardCharsets.UTF_8);
  }

  /** Allocate, answering the relay's 401 challenge once with the credential. */
  Answer allocate() throws IOException {
    byte[] transport = {17, 0, 0, 0}; // UDP
    Answer first = send(ALLOCATE, false, attribute(REQUESTED_TRANSPORT, transport));
    if (first.code() != 401) return first;
    return send(ALLOCATE, true, attribute(REQUESTED_TRANSPORT, transport));
  }

  /** Permission to exchange data with {@code peer} through the allocation. */
  Answer createPermission(String peer) throws IOException {
    return send(CREATE_PERMISSION, true, attribute(XOR_PEER_ADDRESS, xorAddress(InetAddress.getByName(peer), 9)));
  }

  private Answer send(int type, boolean signed, byte[] attributes) throws IOException {
    byte[] transaction = new byte[12];
    random.nextBytes(transaction);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(attributes);
    if (signed) {
      body.writeBytes(attribute(USERNAME, username.getBytes(StandardCharsets.UTF_8)));
      body.writeBytes(attribute(REALM, realm.getBytes(StandardCharsets.UTF_8)));
      body.writeBytes(attribute(NONCE, nonce.getBytes(StandardCharsets.UTF_8)));
      // The integrity covers the message with its length already counting the 24 bytes of the attribute.
      byte[] head = header(type, body.size() + 24, transaction);
      byte[] covered = concat(head, body.toByteArray());
      body.writeBytes(attribute(MESSAGE_INTEGRITY, hmac(longTermKey(), covered)));
    }
    byte[] message = concat(header(type, body.size(), transaction), body.toByteArray());
    socket.send(new DatagramPacket(message, message.length, server));
    byte[] buffer = new byte[2048];
    DatagramPacket in = new DatagramPacket(buffer, buffer.length);
    socket.receive(in);
    return read(ByteBuffer.wrap(buffer, 0, in.getLength()));
  }

  private Answer read(ByteBuffer b) {
    int type = b.getShort() & 0xffff;
    int length = b.getShort() & 0xffff;
    b.getInt();
    b.position(b.position() + 12);
    int end = b.position() + length;
    int code = (type & 0x0110) == 0x0100 ? 200 : 0;
    String reason = "";
    while (b.position() + 4 <= end) {
      int at = b.getShort() & 0xffff;
      int len = b.getShort() & 0xffff;
      byte[] value = new byte[len];
      b.get(value);
      b.position(b.position() + (4 - len % 4) % 4);
      switch (at) {
        case ERROR_CODE -> {
          code = (value[2] & 0x7) * 100 + (value[3] & 0xff);
          reason = new String(value, 4, len - 4, StandardCharsets.UTF_8);
        }
        case REALM -> realm = new String(value, StandardCharsets.UTF_8);
        case NONCE -> nonce = new String(value, StandardCharsets.UTF_8);
        default -> { }
      }
    }
    return new Answer(code, reason);
  }

  private byte[] longTermKey() {
    try {
      return MessageDigest.getInstance("MD5").digest((username + ":" + realm + ":" + new String(key, StandardCharsets.UTF_8))
          .getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String password(String secret, String username) {
    return Base64.getEncoder().encodeToString(hmac(secret.getBytes(StandardCharsets.UTF_8), username.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] header(int type, int length, byte[] transaction) {
    return ByteBuffer.allocate(20).putShort((short) type).putShort((short) length).putInt(MAGIC).put(transaction).array();
  }

  private static byte[] attribute(int type, byte[] value) {
    int padded = (value.length + 3) / 4 * 4;
    return ByteBuffer.allocate(4 + padded).putShort((short) type).putShort((short) value.length).put(value).array();
  }

  private static byte[] xorAddress(InetAddress address, int port) {
    byte[] ip = address.getAddress();
    byte[] cookie = ByteBuffer.allocate(4).putInt(MAGIC).array();
    ByteBuffer v = ByteBuffer.allocate(4 + ip.length).put((byte) 0).put((byte) (ip.length == 4 ? 1 : 2))
        .putShort((short) (port ^ (MAGIC >>> 16)));
    for (int i = 0; i < ip.length; i++) v.put((byte) (ip[i] ^ (i < 4 ? cookie[i] : 0)));
    if (ip.length == 16) throw new IllegalArgumentException("IPv6 peers need the transaction id in the XOR; not needed here");
    return v.array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public void close() {
    socket.close();
  }
}
