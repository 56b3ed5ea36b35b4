package dev.cowatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The file: id rule, from the vectors web/test/fileId.test.ts runs too (computed by an independent script). */
class FileMediaIdVectorsTest {
  record Vector(String why, int size, int seed, String fileId) {
    @Override
    public String toString() {
      return why;
    }
  }

  static Stream<Vector> vectors() throws IOException {
    try (InputStream in = FileMediaIdVectorsTest.class.getResourceAsStream("/media/file-id-vectors.json")) {
      List<Vector> out = new ArrayList<>();
      for (JsonNode v : new ObjectMapper().readTree(in).get("vectors")) {
        out.add(new Vector(v.get("why").asText(), v.get("size").asInt(), v.get("seed").asInt(), v.get("fileId").asText()));
      }
      assertThat(out).hasSizeGreaterThanOrEqualTo(7);
      return out.stream();
    }
  }

  /** The vectors' content: byte i = (i*31 + seed*7 + floor(i/256)) mod 256. */
  static byte[] content(int size, int seed) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) b[i] = (byte) (i * 31 + seed * 7 + (i >> 8));
    return b;
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void ofEnds_followsTheSharedVectors(Vector v) {
    byte[] all = content(v.size(), v.seed());
    byte[] head = Arrays.copyOfRange(all, 0, FileMediaId.headLength(v.size()));
    int from = (int) FileMediaId.tailOffset(v.size());
    byte[] tail = Arrays.copyOfRange(all, from, from + FileMediaId.tailLength(v.size()));
    assertThat(FileMediaId.ofEnds(v.size(), head, tail).mediaId()).isEqualTo(v.fileId());
  }

  @Test
  void regions_ofALongFile_areTheFirstAndLastMiB() {
    long size = 700_000_000L;
    assertThat(FileMediaId.headLength(size)).isEqualTo(1 << 20);
    assertThat(FileMediaId.tailOffset(size)).isEqualTo(size - (1 << 20));
    assertThat(FileMediaId.tailLength(size)).isEqualTo(1 << 20);
  }

  @Test
  void ofEnds_withWrongRegionLengths_isRefused() {
    assertThatThrownBy(() -> FileMediaId.ofEnds(3 << 20, new byte[10], new byte[1 << 20]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1048576 + 1048576");
  }
}
