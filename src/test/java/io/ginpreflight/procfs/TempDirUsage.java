package io.ginpreflight.procfs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The regular files under a temp directory, counted recursively, and their total size. Upload temp
 * files that are never removed show here and nowhere else: not in heap, goroutines or descriptors.
 *
 * @param files regular files (directories and links are not counted; their contents are)
 * @param bytes the sum of those files' sizes
 */
public record TempDirUsage(long files, long bytes) {

  /** Walks {@code dir}; files the service removes during the walk are skipped, not errors. */
  public static TempDirUsage of(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ProcfsUnavailable("the temp directory " + dir + " does not exist");
    }
    long[] filesAndBytes = new long[2];
    RegularFiles.walk(dir, (file, bytes) -> {
      filesAndBytes[0]++;
      filesAndBytes[1] += bytes;
    });
    return new TempDirUsage(filesAndBytes[0], filesAndBytes[1]);
  }
}
