package io.ginpreflight.target;

import io.ginpreflight.procfs.ProcStatus;
import io.ginpreflight.procfs.Procfs;
import io.ginpreflight.procfs.ProcfsUnavailable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A started process and everything it started. {@code go run} and shell wrappers run the service as a
 * child, so stopping only the started process would leave the service running as an orphan.
 */
final class ProcessTree {

  /** How often a stop checks whether the tree has ended. */
  private static final Duration POLL = Duration.ofMillis(50);
  /** After SIGKILL the kernel ends a process at once; this only bounds the wait for it to be reaped. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  private ProcessTree() {}

  /**
   * SIGTERM to the process and all its descendants, SIGKILL to whatever still runs after {@code grace}.
   * Descendants are listed before the first signal: once a parent dies, its children are re-parented and
   * can no longer be found from it; {@code known} is a process found earlier (the service under go run),
   * which an early death of its launcher may already have orphaned. Returns the processes that survived
   * SIGKILL (normally none).
   */
  static List<ProcessHandle> stop(ProcessHandle root, ProcessHandle known, Duration grace) {
    Set<ProcessHandle> tree = new LinkedHashSet<>();
    known.descendants().forEach(tree::add);
    tree.add(known);
    root.descendants().forEach(tree::add);
    tree.add(root);
    tree.forEach(ProcessHandle::destroy);
    if (!awaitEnd(tree, grace)) {
      root.descendants().forEach(tree::add);
      tree.stream().filter(ProcessTree::isRunning).forEach(ProcessHandle::destroyForcibly);
      awaitEnd(tree, KILL_WAIT);
    }
    return tree.stream().filter(ProcessTree::isRunning).toList();
  }

  /**
   * The process a launcher runs the service in: follows only children down ({@code go run} to the
   * built binary, {@code sh -c} to its command) and stops where a process has none or several.
   */
  static ProcessHandle service(ProcessHandle root) {
    ProcessHandle current = root;
    for (int depth = 0; depth < 8; depth++) {
      List<ProcessHandle> children = new ArrayList<>();
      current.children().filter(ProcessTree::isRunning).forEach(children::add);
      if (children.size() != 1) {
        break;
      }
      current = children.get(0);
    }
    return current;
  }

  /** Alive and not a zombie: an exited child whose parent has not collected it yet is not running. */
  static boolean isRunning(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    if (!Procfs.isAvailable()) {
      return true;
    }
    try {
      return !ProcStatus.read(process.pid()).isZombie();
    } catch (ProcfsUnavailable gone) {
      return false;
    }
  }

  private static boolean awaitEnd(Set<ProcessHandle> tree, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (tree.stream().anyMatch(ProcessTree::isRunning)) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
