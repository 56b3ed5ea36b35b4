package dev.cowatch.server.media.storage;

import dev.cowatch.server.media.ExactLengthInputStream;
import dev.cowatch.server.media.MediaKeys;
import dev.cowatch.server.media.MediaStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Media in an S3-compatible bucket (AWS SDK v2, synchronous client): the key is the object key. A
 * put is one PutObject, which S3 applies atomically (an interrupted upload stores nothing), so
 * objects are limited to S3's 5 GiB single-request maximum. Ranges are ranged GetObjects, streamed.
 *
 * <p>Checksums are computed only when an operation requires them: the SDK's newer default (a CRC
 * trailer on every upload) is refused by several S3-compatible servers; integrity is ours anyway,
 * from the SHA-256 computed while storing.
 */
public final class S3MediaStore implements MediaStore {
  /** S3's limit for one PutObject. */
  public static final long MAX_OBJECT_BYTES = 5L * 1024 * 1024 * 1024;

  private final S3Client s3;
  private final String bucket;
  private final String description;
  private final S3Config config;
  private final AwsCredentialsProvider credentials;
  /** Made at the first presigned URL: most servers never ask for one. Guarded by {@code this}. */
  private S3Presigner presigner;

  public S3MediaStore(S3Config config) {
    AwsCredentialsProvider credentials = config.hasStaticCredentials()
        ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()))
        : DefaultCredentialsProvider.builder().build();
    S3ClientBuilder b = S3Client.builder()
        .region(Region.of(config.region()))
        .forcePathStyle(config.pathStyle())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(credentials);
    if (config.endpoint() != null) b.endpointOverride(config.endpoint());
    this.s3 = b.build();
    this.config = config;
    this.credentials = credentials;
    this.bucket = config.bucket();
    this.description = "bucket " + config.bucket() + " at " + (config.endpoint() == null ? "AWS" : config.endpoint());
  }

  @Override
  public String put(String key, InputStream in, long length) throws IOException {
    MediaKeys.check(key);
    if (length > MAX_OBJECT_BYTES) throw new IOException("an S3 object is at most " + MAX_OBJECT_BYTES + " bytes");
    SourceWatch source = new SourceWatch(new ExactLengthInputStream(in, length));
    DigestInputStream digest = new DigestInputStream(source, Sha256.newDigest());
    AtomicBoolean given = new AtomicBoolean();
    // The stream can be read once: a retry that asks for it again fails the put rather than send other bytes.
    RequestBody body = RequestBody.fromContentProvider(() -> {
      if (given.getAndSet(true)) throw new IllegalStateException("the upload stream cannot be replayed for a retry");
      return digest;
    }, length, "application/octet-stream");
    try {
      s3.putObject(r -> r.bucket(bucket).key(key).contentLength(length), body);
    } catch (SdkException | IllegalStateException e) {
      // The SDK wraps (and may retry after) a failure of the stream itself: that failure is the answer.
      if (source.failure != null) {
        source.failure.addSuppressed(e);
        throw source.failure;
      }
      if (e instanceof SdkException sdk) throw failure("storing " + key, sdk);
      throw (IllegalStateException) e;
    }
    return HexFormat.of().formatHex(digest.getMessageDigest().digest());
  }

  @Override
  public ReadableByteChannel open(String key, long offset, long length) throws IOException {
    MediaKeys.check(key);
    long size = size(key).orElseThrow(() -> new NoSuchFileException(key));
    if (offset < 0 || length < 0 || offset > size || length > size - offset) {
      throw new IllegalArgumentException("region " + offset + "+" + length + " is not inside " + size + " bytes");
    }
    if (length == 0) return Channels.newChannel(InputStream.nullInputStream());
    try {
      ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket).key(key)
          .range("bytes=" + offset + "-" + (offset + length - 1)));
      return Channels.newChannel(in);
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(key);
    } catch (SdkException e) {
      throw failure("reading " + key, e);
    }
  }

  /**
   * A GET of the object signed with the store's credentials, answered with this content type, Cache-Control and
   * Content-Disposition (none when null).
   */
  @Override
  public Optional<URI> signedGet(String key, Duration validFor, String contentType, String cacheControl,
      String contentDisposition) {
    MediaKeys.check(key);
    PresignedGetObjectRequest signed = presigner().presignGetObject(r -> r.signatureDuration(validFor)
        .getObjectRequest(g -> g.bucket(bucket).key(key).responseContentType(contentType)
            .responseCacheControl(cacheControl).responseContentDisposition(contentDisposition)));
    try {
      return Optional.of(signed.url().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("the SDK presigned a URL that is not a URI: " + e.getMessage(), e);
    }
  }

  private synchronized S3Presigner presigner() {
    if (presigner == null) {
      S3Presigner.Builder p = S3Presigner.builder().region(Region.of(config.region())).credentialsProvider(credentials)
          .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build());
      if (config.endpoint() != null) p.endpointOverride(config.endpoint());
      presigner = p.build();
    }
    return presigner;
  }

  @Override
  public OptionalLong size(String key) throws IOException {
    MediaKeys.check(key);
    try {
      HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
      return OptionalLong.of(head.contentLength());
    } catch (NoSuchKeyException e) {
      return OptionalLong.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) return OptionalLong.empty();
      throw failure("looking up " + key, e);
    } catch (SdkException e) {
      throw failure("looking up " + key, e);
    }
  }

  @Override
  public boolean delete(String key) throws IOException {
    boolean existed = exists(key);
    try {
      s3.deleteObject(r -> r.bucket(bucket).key(key));
    } catch (SdkException e) {
      throw failure("deleting " + key, e);
    }
    return existed;
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    MediaKeys.checkPrefix(prefix);
    List<String> keys = new ArrayList<>();
    try {
      for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) keys.add(o.key());
    } catch (SdkException e) {
      throw failure("listing " + prefix, e);
    }
    keys.sort(null);
    return keys;
  }

  @Override
  public String describe() {
    return description;
  }

  /** Remembers the first failure of the stream being uploaded. */
  private static final class SourceWatch extends java.io.FilterInputStream {
    volatile IOException failure;

    SourceWatch(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        if (failure == null) failure = e;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        if (failure == null) failure = e;
        throw e;
      }
    }

    @Override
    public void close() {
      // the caller owns the stream
    }
  }

  private static IOException failure(String what, SdkException e) {
    return new IOException(what + " in the S3 media store failed: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    s3.close();
    synchronized (this) {
      if (presigner != null) presigner.close();
    }
  }
}
