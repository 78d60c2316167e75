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
 *
 * <p>A command's values are not recorded: a flag may carry a password or a token (`-db-password x`), and the
 * identity is written to memory.json, memory.html, the comparison page and the Pushgateway. Its flags are
 * kept by name ({@code -db-password …}, {@code PORT=…}); gin-lab's own flags are ours and kept whole.
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
      int program = Math.max(1, firstFlag);
      return new Named(TargetKind.COMMAND, String.join(" ", withoutValues(words.subList(0, program), false)),
          withoutValues(words.subList(program, words.size()), true));
    }
    TargetKind kind = settings.pid().isPresent() ? TargetKind.ATTACHED : TargetKind.REMOTE;
    return new Named(kind, settings.url().get(), List.of());
  }

  /** Each value replaced by {@value #VALUE}: a word after a flag, or what follows '=' in {@code -k=v}, {@code K=v}. */
  static List<String> withoutValues(List<String> words, boolean afterProgram) {
    List<String> kept = new ArrayList<>();
    for (String word : words) {
      int equals = word.indexOf('=');
      if (equals > 0) {
        kept.add(word.substring(0, equals + 1) + VALUE);
      } else if (word.startsWith("-") || !afterProgram) {
        kept.add(word);
      } else if (kept.isEmpty() || !kept.get(kept.size() - 1).equals(VALUE)) {
        kept.add(VALUE);
      }
    }
    return kept;
  }

  private static final String VALUE = "…";
}
