package io.ginpreflight.procfs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

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
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          if (attributes.isRegularFile()) {
            filesAndBytes[0]++;
            filesAndBytes[1] += attributes.size();
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
          }
          throw e;
        }
      });
    } catch (IOException e) {
      throw new ProcfsUnavailable("the temp directory " + dir + " cannot be read: " + e.getMessage());
    }
    return new TempDirUsage(filesAndBytes[0], filesAndBytes[1]);
  }
}
