package io.ginpreflight.procfs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The open file descriptors of a process: files, sockets, pipes, epoll. Counted from
 * {@code /proc/<pid>/fd}, so a service needs no process collector of its own to be watched.
 */
public final class OpenDescriptors {

  private OpenDescriptors() {}

  public static long count(long pid) {
    return count(Procfs.ROOT, pid);
  }

  static long count(Path procRoot, long pid) {
    Path fdDir = procRoot.resolve(Long.toString(pid)).resolve("fd");
    long count = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(fdDir)) {
      for (Path ignored : entries) {
        count++;
      }
      return count;
    } catch (NoSuchFileException e) {
      throw new ProcfsUnavailable("process " + pid + " is gone (" + fdDir + " does not exist)");
    } catch (AccessDeniedException e) {
      throw new ProcfsUnavailable(fdDir + " cannot be listed: permission denied (run the suite as the "
          + "user that runs the service)");
    } catch (IOException e) {
      throw new ProcfsUnavailable(fdDir + " cannot be listed: " + e.getMessage());
    }
  }
}
