package dev.cowatch.server.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What traces and logs keep of a path: every credential the routes carry, hidden; everything else as it was. */
class SecretPathsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      /i/Zk3q9sPx_secret                                | /i/{token}
      /i/Zk3q9sPx_secret/                               | /i/{token}/
      /I/Zk3q9sPx_secret                                | /I/{token}
      //i//Zk3q9sPx_secret                              | //i//{token}
      /api/invites/Zk3q9sPx_secret                      | /api/invites/{token}
      /api/invites/Zk3q9sPx_secret/accept               | /api/invites/{token}/accept
      /API/Invites/Zk3q9sPx_secret                      | /API/Invites/{token}
      /api/media/m-1/stream?sig=Zk3q9sPx_secret&exp=9   | /api/media/m-1/stream?sig=_&exp=_
      /api/media/m-1/poster?sig=Zk3q9sPx_secret         | /api/media/m-1/poster?sig=_
      /verify?token=Zk3q9sPx_secret                     | /verify?token=_
      /reset-password?token=Zk3q9sPx_secret             | /reset-password?token=_
      /i/Zk3q9sPx_secret?ref=Zk3q9sPx_secret            | /i/{token}?ref=_
      /api/rooms/r-abc?Zk3q9sPx_secret                  | /api/rooms/r-abc?_
      /api/rooms/r-abc                                  | /api/rooms/r-abc
      /api/rooms/r-abc/invites/inv-1                    | /api/rooms/r-abc/invites/inv-1
      /api/media/m-1/stream                             | /api/media/m-1/stream
      /invites/x                                        | /invites/x
      /index.html                                       | /index.html
      /                                                 | /
      """)
  void redact_hidesEveryCredential_andKeepsTheRest(String path, String recorded) {
    assertThat(SecretPaths.redact(path)).isEqualTo(recorded);
    if (path.contains("Zk3q9sPx_secret")) assertThat(SecretPaths.redact(path)).doesNotContain("Zk3q9sPx_secret");
  }
}
