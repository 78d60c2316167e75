package io.ginpreflight.target;

import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.procfs.OpenDescriptors;
import io.ginpreflight.procfs.Procfs;
import io.ginpreflight.procfs.ProcfsUnavailable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A service already running on this machine, watched through {@code /proc/<pid>}. The suite did not
 * start it, so it never stops it and knows neither its exit code nor its log.
 */
public final class AttachedProcess implements LocalProcess {

  private static final String KEY = "preflight.target.pid";

  private final ProcessHandle handle;
  private final Optional<Path> tempDir;

  private AttachedProcess(ProcessHandle handle, Optional<Path> tempDir) {
    this.handle = handle;
    this.tempDir = tempDir;
  }

  /** Checks that the process exists and its {@code /proc} entry is readable by this user. */
  public static AttachedProcess attach(long pid, Optional<Path> tempDir) {
    if (!Procfs.isAvailable()) {
      throw invalid(pid, "this system has no /proc (" + System.getProperty("os.name") + "), so a process "
          + "cannot be watched from outside; unset it to test the service over HTTP only");
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !Files.isDirectory(Procfs.processDir(pid)) || !ProcessTree.isRunning(handle.get())) {
      throw invalid(pid, "no such process runs on this machine (" + Procfs.processDir(pid) + " does not exist); "
          + "start the service first, or give its PID (pgrep -f <name> prints it)");
    }
    try {
      OpenDescriptors.count(pid);
    } catch (ProcfsUnavailable e) {
      throw invalid(pid, e.getMessage());
    }
    if (tempDir.isPresent() && !Files.isDirectory(tempDir.get())) {
      throw new ConfigProblem("Configuration key 'preflight.target.temp-dir' has invalid value '" + tempDir.get()
          + "': no such directory.");
    }
    return new AttachedProcess(handle.get(), tempDir);
  }

  private static ConfigProblem invalid(long pid, String why) {
    return new ConfigProblem("Configuration key '" + KEY + "' has invalid value '" + pid + "': " + why + ".");
  }

  @Override
  public long pid() {
    return handle.pid();
  }

  @Override
  public Optional<Path> tempDir() {
    return tempDir;
  }

  /** Whether the same process still runs: a PID reused by a newer process does not count. */
  @Override
  public boolean isAlive() {
    return ProcessTree.isRunning(handle);
  }

  @Override
  public Optional<String> death() {
    if (isAlive()) {
      return Optional.empty();
    }
    return Optional.of("the attached process (pid " + pid() + ") is gone; the suite did not start it, so its "
        + "exit code and log are unknown: look in the log of whatever started it");
  }
}
