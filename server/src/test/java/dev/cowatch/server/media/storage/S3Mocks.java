package dev.cowatch.server.media.storage;

import com.adobe.testing.s3mock.junit5.S3MockExtension;

/** Adobe S3Mock in this JVM, on free ports, without touching the JVM's logging. */
public final class S3Mocks {
  private S3Mocks() {}

  /**
   * S3Mock is a Spring Boot application, and Spring Boot reconfigures Logback for the whole JVM when it
   * starts (tests that read log events after it then see nothing); {@code LoggingSystem=none} keeps it
   * out of logging.
   */
  public static S3MockExtension extension(String... buckets) {
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    return S3MockExtension.builder().withSecureConnection(false).withHttpPort(0).withHttpsPort(0)
        .withInitialBuckets(buckets).build();
  }
}
