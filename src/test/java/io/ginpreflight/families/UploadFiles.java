package io.ginpreflight.families;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Upload files generated at run time under {@code target/preflight-uploads/} (never committed), one per
 * size, reused when already there with the right size. The content is a repeating pattern: uploads are
 * about bytes and temp files, not compression.
 */
final class UploadFiles {

  private static final Path FOLDER = Path.of(System.getProperty("preflight.project-dir",
      System.getProperty("user.dir")), "target", "preflight-uploads");

  private UploadFiles() {}

  static synchronized Path ofSize(long bytes) {
    Path file = FOLDER.resolve("upload-" + bytes + ".bin");
    try {
      if (Files.isRegularFile(file) && Files.size(file) == bytes) {
        return file.toAbsolutePath();
      }
      Files.createDirectories(FOLDER);
      byte[] block = new byte[64 << 10];
      for (int i = 0; i < block.length; i++) {
        block[i] = (byte) ('a' + i % 26);
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        for (long left = bytes; left > 0; left -= block.length) {
          out.write(block, 0, (int) Math.min(block.length, left));
        }
      }
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the upload file " + file, e);
    }
  }
}
