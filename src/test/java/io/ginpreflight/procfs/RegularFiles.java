package io.ginpreflight.procfs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Walks the regular files under a temp directory. A service removes its temp files while we walk, so a
 * file gone before it is read is skipped, not an error; any other failure means the directory cannot be
 * measured, which is said, never counted as empty.
 */
final class RegularFiles {

  /** What the walk hands each regular file: its path and size in bytes. */
  interface Visitor {
    void file(Path file, long bytes);
  }

  private RegularFiles() {}

  static void walk(Path dir, Visitor visitor) {
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          if (attributes.isRegularFile()) {
            visitor.file(file, attributes.size());
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
  }
}
