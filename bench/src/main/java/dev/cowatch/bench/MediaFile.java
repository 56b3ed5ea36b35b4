package dev.cowatch.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/**
 * The file both servers serve: pseudo-random bytes (nothing compresses or dedupes them), made fast by
 * writing one random block again and again with its block number stamped in, so no two blocks are
 * equal and a body read from the wrong block is caught. 1 GiB takes about a second.
 */
final class MediaFile {
  static final int BLOCK_BYTES = 64 * 1024 * 1024;

  private MediaFile() {}

  static void create(Path file, long size, long seed) throws IOException {
    byte[] block = new byte[(int) Math.min(BLOCK_BYTES, size)];
    new Random(seed).nextBytes(block);
    ByteBuffer buffer = ByteBuffer.wrap(block);
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long at = 0;
      for (long n = 0; at < size; n++) {
        buffer.clear().limit((int) Math.min(block.length, size - at));
        if (buffer.limit() >= Long.BYTES) buffer.putLong(0, n);
        while (buffer.hasRemaining()) at += out.write(buffer, at);
      }
    }
  }
}
