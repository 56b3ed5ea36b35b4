package dev.cowatch.server.media.storage;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.cowatch.server.media.MediaStore;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract against Adobe S3Mock, started in this JVM on a free port (no Docker). */
class S3MediaStoreTest extends MediaStoreContract {
  static final String BUCKET = "cowatch-media";

  @RegisterExtension
  static final S3MockExtension S3 = S3Mocks.extension(BUCKET);

  private static S3MediaStore store;

  @BeforeAll
  static void connect() {
    store = new S3MediaStore(new S3Config(URI.create("http://127.0.0.1:" + S3.getHttpPort()), "us-east-1", BUCKET,
        "test-access", "test-secret", true));
  }

  @AfterAll
  static void disconnect() {
    store.close();
  }

  @Override
  protected MediaStore store() {
    return store;
  }
}
