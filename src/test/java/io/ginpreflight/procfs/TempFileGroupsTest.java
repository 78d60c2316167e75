package io.ginpreflight.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ginpreflight.model.TempFileGroup;
import io.ginpreflight.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listings from fixtures/capture-tempfiles.sh: gin-lab's temp-file-kept leak, 30 uploads and 30 batches. */
class TempFileGroupsTest {

  @Test
  void keptUploadsAndBatchDirectoriesAreGroupedByPatternWithTheirSizes() {
    // WHEN the listings before and after are diffed
    List<TempFileGroup> grown = TempFileGroups.grown(Fixtures.text("tempfiles-before.txt"),
        Fixtures.text("tempfiles-after.txt"), "lab-tmp", 5);

    // THEN the kept uploads and the batch directories' files are one group each, largest first
    assertEquals(List.of("+60 files gin-lab-batch-*/* of 4.0 KiB each (240.0 KiB) in lab-tmp",
        "+30 files gin-lab-upload-* of 64.0 KiB each (1.9 MiB) in lab-tmp"),
        grown.stream().map(TempFileGroup::sentence).toList());
  }

  @Test
  void multipartSpillsSayWhatWritesThem(@TempDir Path dir) throws Exception {
    // GIVEN a temp dir listed before and after two spill files of Go's multipart reader appeared
    String before = TempFileGroups.listing(dir);
    Files.write(dir.resolve("multipart-3957372011"), new byte[100]);
    Files.write(dir.resolve("multipart-22881"), new byte[300]);
    // THEN their group names the writer
    String after = TempFileGroups.listing(dir);
    TempFileGroup group = TempFileGroups.grown(before, after, TempFileGroups.dirName(after), 5).get(0);
    assertEquals("+2 files multipart-* of 100 B to 300 B (400 B) in " + dir.getFileName(), group.sentence()
        .substring(0, group.sentence().indexOf(" (Go's")));
    assertEquals(true, group.knownCreator().startsWith("Go's mime/multipart"));
  }
}
