package dev.cowatch.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The clicks in a recording of what listeners heard ({@link PulseAudio#record}): a 16-bit PCM WAV, each channel
 * one listener. A click starts where a channel rises well above silence after a quiet stretch.
 */
public final class HeardClicks {
  /** A click's own tail (and the decoder's ringing) is no new click. */
  private static final double QUIET_MS = 300;
  /** A fifth of full scale: the films' clicks are at 0.8, the noise of a null sink is none. */
  private static final int THRESHOLD = 32768 / 5;

  private HeardClicks() {}

  /** Where each channel's clicks start, in ms from the recording's start. */
  public static List<List<Double>> onsetsMs(Path wav) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) throw new IOException(wav + " is not a WAV file");
    int channels = 0;
    int rate = 0;
    int at = 12;
    while (at + 8 <= b.limit()) {
      int id = b.getInt(at);
      int size = b.getInt(at + 4);
      if (id == 0x20746d66) { // "fmt "
        channels = b.getShort(at + 10);
        rate = b.getInt(at + 12);
        if (b.getShort(at + 22) != 16) throw new IOException(wav + " is not 16-bit PCM");
      } else if (id == 0x61746164) { // "data": parecord leaves its size open when stopped, so read to the end
        return onsets(b, at + 8, b.limit(), channels, rate);
      }
      at += 8 + size + (size & 1);
    }
    throw new IOException(wav + " has no data");
  }

  private static List<List<Double>> onsets(ByteBuffer b, int from, int to, int channels, int rate) {
    List<List<Double>> out = new ArrayList<>();
    long[] last = new long[channels];
    for (int c = 0; c < channels; c++) {
      out.add(new ArrayList<>());
      last[c] = Long.MIN_VALUE / 2;
    }
    long quietFrames = Math.round(QUIET_MS * rate / 1000);
    long frame = 0;
    for (int p = from; p + 2 * channels <= to; p += 2 * channels, frame++) {
      for (int c = 0; c < channels; c++) {
        if (Math.abs(b.getShort(p + 2 * c)) < THRESHOLD) continue;
        if (frame - last[c] >= quietFrames) out.get(c).add(frame * 1000.0 / rate);
        last[c] = frame;
      }
    }
    return out;
  }

  /**
   * How much later {@code later} heard each click than {@code earlier}: for each click of {@code earlier}, the
   * nearest of {@code later} within half the clicks' spacing.
   */
  public static List<Double> lags(List<Double> earlier, List<Double> later, double spacingMs) {
    List<Double> lags = new ArrayList<>();
    for (double e : earlier) {
      later.stream().map(l -> l - e).filter(d -> Math.abs(d) < spacingMs / 2)
          .min((x, y) -> Double.compare(Math.abs(x), Math.abs(y))).ifPresent(lags::add);
    }
    return lags;
  }
}
