package io.ginpreflight.target;

import io.ginpreflight.config.LabSettings;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.config.TargetSettings;
import io.ginpreflight.model.TargetKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Names a run's target the way the history compares it: the service is gin-lab, the started command's
 * program (its words up to the first flag) or the base URL; flags (gin-lab's leaks and arguments, the
 * command's flags, which carry ports and planted leaks alike) are its variant, recorded beside it.
 */
public final class TargetIdentities {

  /** The target's name and flags as the history records them. */
  public record Named(TargetKind kind, String name, List<String> flags) {}

  private TargetIdentities() {}

  public static Named of(PreflightConfig config, Path projectDir) {
    TargetSettings settings = TargetSettings.from(config);
    if (!settings.isExternal()) {
      LabSettings lab = LabSettings.from(config, projectDir);
      List<String> flags = new ArrayList<>(List.of("-leaks", lab.leaks()));
      if (!lab.pprof()) {
        flags.add("(no pprof listener)");
      }
      flags.addAll(lab.args());
      return new Named(TargetKind.EMBEDDED_LAB, "gin-lab", flags);
    }
    if (settings.command().isPresent()) {
      List<String> words = settings.command().get().arguments();
      int firstFlag = 0;
      while (firstFlag < words.size() && !words.get(firstFlag).startsWith("-")) {
        firstFlag++;
      }
      return new Named(TargetKind.COMMAND, String.join(" ", words.subList(0, Math.max(1, firstFlag))),
          words.subList(Math.max(1, firstFlag), words.size()));
    }
    TargetKind kind = settings.pid().isPresent() ? TargetKind.ATTACHED : TargetKind.REMOTE;
    return new Named(kind, settings.url().get(), List.of());
  }
}
