package dev.cowatch.bridge.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.bridge.media.MediaMatch.Verdict;
import dev.cowatch.protocol.FileMediaId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MediaMatchTest {
  private static final FileMediaId MINE = new FileMediaId(1000, "a".repeat(64));
  private static final FileMediaId OTHER_CONTENT = new FileMediaId(1000, "b".repeat(64));
  private static final FileMediaId OTHER_SIZE = new FileMediaId(2000, "a".repeat(64));

  @Test
  void aFileRoom_isComparedByItsId() {
    assertThat(MediaMatch.judge(MINE.mediaId(), MINE, Optional.empty())).isEqualTo(Verdict.SAME);
    assertThat(MediaMatch.judge(OTHER_CONTENT.mediaId(), MINE, Optional.empty())).isEqualTo(Verdict.DIFFERENT);
  }

  @Test
  void aUrlRoom_isComparedByWhatTheUrlServes() {
    String url = "https://media.example.org/night-train.webm";
    assertThat(MediaMatch.judge(url, MINE, Optional.of(MINE))).isEqualTo(Verdict.SAME);
    assertThat(MediaMatch.judge(url, MINE, Optional.of(OTHER_SIZE))).isEqualTo(Verdict.DIFFERENT);
    assertThat(MediaMatch.judge(url, MINE, Optional.empty())).isEqualTo(Verdict.UNKNOWN);
    assertThat(MediaMatch.judge("media:abc", MINE, Optional.empty())).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void anEmptyRoom_isOfferedTheFile() {
    assertThat(MediaMatch.judge(null, MINE, Optional.empty())).isEqualTo(Verdict.ROOM_EMPTY);
  }

  @Test
  void theViewerIsToldHowTheFilesDiffer() {
    assertThat(MediaMatch.explain(Verdict.DIFFERENT, MINE, Optional.of(OTHER_SIZE)).orElseThrow())
        .contains("not the room's video").contains("1,000 bytes").contains("2,000");
    assertThat(MediaMatch.explain(Verdict.DIFFERENT, MINE, Optional.of(OTHER_CONTENT)).orElseThrow())
        .contains("same size, different content");
    assertThat(MediaMatch.explain(Verdict.SAME, MINE, Optional.of(MINE))).isEmpty();
  }
}
