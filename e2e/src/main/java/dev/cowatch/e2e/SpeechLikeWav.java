package dev.cowatch.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A WAV file for Chromium's fake microphone that its audio processing keeps: a steady tone would be
 * taken for noise and suppressed, so this is "syllables" (a voiced tone with harmonics whose pitch
 * wanders, 220 ms on and 80 ms off, gaps far shorter than the speaking detector's release) at about
 * -14 dBFS, as a voice close to a microphone would be. Written here, so the test needs no other tool.
 */
public final class SpeechLikeWav {
  private static final int RATE = 48_000;

  private SpeechLikeWav() {}

  public static Path write(Path file, double seconds) throws IOException {
    int frames = (int) (RATE * seconds);
    ByteBuffer b = ByteBuffer.allocate(44 + frames * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + frames * 2)
        .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16)
        .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(frames * 2);
    double phase = 0;
    for (int i = 0; i < frames; i++) {
      double t = (double) i / RATE;
      double inSyllable = t % 0.3;
      // A smooth rise and fall over each 220 ms syllable, silence for the 80 ms after it.
      double envelope = inSyllable < 0.22 ? Math.sin(Math.PI * inSyllable / 0.22) : 0;
      double pitch = 140 + 40 * Math.sin(2 * Math.PI * 0.7 * t) + 15 * Math.sin(2 * Math.PI * 3.1 * t);
      phase += 2 * Math.PI * pitch / RATE;
      double voiced = 0.55 * Math.sin(phase) + 0.25 * Math.sin(2 * phase) + 0.15 * Math.sin(3 * phase) + 0.05 * Math.sin(5 * phase);
      b.putShort((short) Math.round(voiced * envelope * 0.4 * Short.MAX_VALUE));
    }
    Files.write(file, b.array());
    return file;
  }
}
