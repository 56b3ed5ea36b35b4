package dev.cowatch.protocol;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * ECDSA P-256 with SHA-256 for the peers' credentials and frames (docs/protocol.md 3.13): the one
 * signature both the JDK and WebCrypto in Chromium, Firefox and WebKit have. Signatures are IEEE P1363
 * ({@code r || s}, 64 bytes) as WebCrypto makes them, not the JDK's default DER; public keys travel as
 * SubjectPublicKeyInfo (WebCrypto's {@code spki}); both in base64url without padding. The web app's
 * twin is {@code web/src/p2p/peerKeys.ts}.
 */
public final class PeerKeys {
  private static final String SIGNATURE = "SHA256withECDSAinP1363Format";
  private static final ECParameterSpec P256 = p256();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

  private PeerKeys() {}

  /** A fresh key pair: one per client session, its public half goes into the member's credential. */
  public static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is part of every JDK", e);
    }
  }

  /**
   * The key pair made from 32 secret bytes (the scalar {@code seed mod (n - 1) + 1}): every node of a
   * cluster derives the same server key from the shared master secret, so a credential one node issued
   * checks out for a member whose server connection is on another. The public point is computed here
   * (the JDK has no public scalar multiplication); it runs once at start, on no one's input.
   */
  public static KeyPair fromSeed(byte[] seed) {
    if (seed.length < 32) throw new IllegalArgumentException("a seed needs at least 32 bytes");
    BigInteger n = P256.getOrder();
    BigInteger d = new BigInteger(1, seed).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
    ECPoint q = multiply(P256.getGenerator(), d);
    try {
      KeyFactory f = KeyFactory.getInstance("EC");
      return new KeyPair(f.generatePublic(new ECPublicKeySpec(q, P256)), f.generatePrivate(new ECPrivateKeySpec(d, P256)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is part of every JDK", e);
    }
  }

  /** The public key as base64url SubjectPublicKeyInfo. */
  public static String encode(PublicKey key) {
    return B64.encodeToString(key.getEncoded());
  }

  /** A P-256 public key from base64url SubjectPublicKeyInfo; empty for anything else (another curve, not a key). */
  public static Optional<PublicKey> decode(String spki) {
    if (spki == null || spki.length() > 200) return Optional.empty();
    try {
      PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(UNB64.decode(spki)));
      if (!(key instanceof ECPublicKey ec) || !ec.getParams().getOrder().equals(P256.getOrder())
          || !ec.getParams().getCurve().equals(P256.getCurve())) {
        return Optional.empty();
      }
      return Optional.of(key);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The P1363 signature of {@code message}'s UTF-8 bytes, base64url. */
  public static String sign(PrivateKey key, String message) {
    try {
      Signature s = Signature.getInstance(SIGNATURE);
      s.initSign(key);
      s.update(message.getBytes(StandardCharsets.UTF_8));
      return B64.encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with " + key.getAlgorithm(), e);
    }
  }

  /** Whether {@code signature} (base64url P1363) is {@code key}'s over {@code message}; false for anything malformed. */
  public static boolean verify(PublicKey key, String message, String signature) {
    if (signature == null || signature.length() != 86) return false;
    try {
      Signature s = Signature.getInstance(SIGNATURE);
      s.initVerify(key);
      s.update(message.getBytes(StandardCharsets.UTF_8));
      return s.verify(UNB64.decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec("secp256r1"));
      return p.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is part of every JDK", e);
    }
  }

  // ---- affine point arithmetic on P-256, for fromSeed only ----------------------------------------

  private static ECPoint multiply(ECPoint g, BigInteger k) {
    ECPoint result = ECPoint.POINT_INFINITY;
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      result = add(result, result);
      if (k.testBit(i)) result = add(result, g);
    }
    return result;
  }

  private static ECPoint add(ECPoint a, ECPoint b) {
    if (a.equals(ECPoint.POINT_INFINITY)) return b;
    if (b.equals(ECPoint.POINT_INFINITY)) return a;
    BigInteger p = ((ECFieldFp) P256.getCurve().getField()).getP();
    BigInteger lambda;
    if (a.getAffineX().equals(b.getAffineX())) {
      if (!a.getAffineY().equals(b.getAffineY()) || a.getAffineY().signum() == 0) return ECPoint.POINT_INFINITY;
      BigInteger x = a.getAffineX();
      lambda = x.pow(2).multiply(BigInteger.valueOf(3)).add(P256.getCurve().getA())
          .multiply(a.getAffineY().shiftLeft(1).modInverse(p)).mod(p);
    } else {
      lambda = b.getAffineY().subtract(a.getAffineY())
          .multiply(b.getAffineX().subtract(a.getAffineX()).modInverse(p)).mod(p);
    }
    BigInteger x = lambda.pow(2).subtract(a.getAffineX()).subtract(b.getAffineX()).mod(p);
    BigInteger y = lambda.multiply(a.getAffineX().subtract(x)).subtract(a.getAffineY()).mod(p);
    return new ECPoint(x, y);
  }
}
