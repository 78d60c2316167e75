package io.ginpreflight.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempDirUsageTest {

  @TempDir
  Path dir;

  @Test
  void countsRegularFilesAtAnyDepthAndTheirBytes() throws Exception {
    // GIVEN two files at the top, one in a batch directory, and an empty directory
    Files.writeString(dir.resolve("upload-1"), "12345");
    Files.writeString(dir.resolve("upload-2"), "");
    Files.writeString(Files.createDirectories(dir.resolve("batch-7/parts")).resolve("0"), "abc");
    Files.createDirectories(dir.resolve("empty"));
    // WHEN it is measured
    TempDirUsage usage = TempDirUsage.of(dir);
    // THEN directories are not files, their contents are
    assertEquals(new TempDirUsage(3, 8), usage);
  }

  @Test
  void aMissingDirectoryIsSaidToBeMissing() {
    Path missing = dir.resolve("gone");
    ProcfsUnavailable e = assertThrows(ProcfsUnavailable.class, () -> TempDirUsage.of(missing));
    assertEquals("the temp directory " + missing + " does not exist", e.getMessage());
  }
}
