package io.ginpreflight.families;

import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A WebSocket endpoint's conversation: steps, then an ending. Read from {@code script = [...]}, where
 * each step is one object with one action key ({@code send}, {@code expect}, {@code expect-regex},
 * {@code read}, {@code read-for}, {@code wait}, or an ending: {@code close}, {@code vanish}, {@code stay},
 * {@code speak-after-close}) and that action's options. Anything else is refused with a sentence naming
 * the endpoint and the step. Immutable.
 */
record WsScript(List<WsStep> steps, WsStep.Ending ending) {

  /** Each action and the options it may take. */
  private static final Map<String, Set<String>> ACTIONS = Map.of(
      "send", Set.of("binary"),
      "expect", Set.of("within"),
      "expect-regex", Set.of("within"),
      "read", Set.of("within"),
      "read-for", Set.of(),
      "wait", Set.of(),
      "close", Set.of("reason"),
      "vanish", Set.of(),
      "stay", Set.of(),
      "speak-after-close", Set.of("close-code", "within"));
  private static final Set<String> ENDINGS = Set.of("close", "vanish", "stay", "speak-after-close");

  /** Whether the script needs the raw client: Gatling can neither vanish nor speak on a closed socket. */
  boolean raw() {
    return ending instanceof WsStep.Vanish || ending instanceof WsStep.SpeakAfterClose;
  }

  /** The script of the single-object form: send the message, expect the reply, close; a twin vanishes. */
  static WsScript echo(String message, String replyContains, Duration timeout, WsStep.Ending ending) {
    return new WsScript(List.of(new WsStep.Send(message, false), new WsStep.Expect(replyContains, null, timeout)),
        ending);
  }

  static WsScript from(PreflightConfig endpoint, String endpointName, Duration timeout) {
    List<PreflightConfig> entries = endpoint.objects("script");
    if (entries.isEmpty()) {
      throw new ConfigProblem("WebSocket endpoint '" + endpointName + "' has an empty script (" + endpoint.name("script")
          + "): give it at least an ending, e.g. [{ close = 1000 }].");
    }
    List<WsStep> steps = new ArrayList<>();
    WsStep.Ending ending = null;
    for (int i = 0; i < entries.size(); i++) {
      PreflightConfig step = entries.get(i);
      String where = "WebSocket endpoint '" + endpointName + "', step " + (i + 1) + " of its script ("
          + endpoint.name("script") + "[" + i + "])";
      String action = action(step, where);
      if (ending != null) {
        throw new ConfigProblem(where + ": '" + action + "' comes after the ending; the ending ("
            + String.join(", ", new TreeSet<>(ENDINGS)) + ") must be the last step.");
      }
      Duration within = step.hasValue("within") ? step.positiveDuration("within") : timeout;
      switch (action) {
        case "send" -> steps.add(new WsStep.Send(step.string("send"),
            step.hasValue("binary") && step.bool("binary")));
        case "expect" -> steps.add(new WsStep.Expect(step.string("expect"), null, within));
        case "expect-regex" -> steps.add(new WsStep.Expect(step.string("expect-regex"),
            pattern(step.string("expect-regex"), where), within));
        case "read" -> steps.add(new WsStep.Read(step.positiveInt("read"), within));
        case "read-for" -> steps.add(new WsStep.ReadFor(step.positiveDuration("read-for")));
        case "wait" -> steps.add(new WsStep.Wait(step.positiveDuration("wait")));
        case "close" -> ending = new WsStep.Close(closeCode(step, "close", where),
            step.hasValue("reason") ? step.string("reason") : "");
        case "vanish" -> ending = flag(step, "vanish", where, new WsStep.Vanish());
        case "stay" -> ending = flag(step, "stay", where, new WsStep.Stay());
        case "speak-after-close" -> ending = new WsStep.SpeakAfterClose(step.string("speak-after-close"),
            step.hasValue("close-code") ? closeCode(step, "close-code", where) : 0, within);
        default -> throw new IllegalStateException(action);
      }
    }
    if (ending == null) {
      throw new ConfigProblem("WebSocket endpoint '" + endpointName + "': its script (" + endpoint.name("script")
          + ") has no ending; end it with one of { close = 1000 }, { vanish = true }, { stay = true } or "
          + "{ speak-after-close = \"...\" }.");
    }
    return new WsScript(List.copyOf(steps), ending);
  }

  /** The step's one action key, its options checked. */
  private static String action(PreflightConfig step, String where) {
    Set<String> keys = step.keys();
    List<String> actions = keys.stream().filter(ACTIONS::containsKey).toList();
    if (actions.size() != 1) {
      throw new ConfigProblem(where + ": " + (actions.isEmpty() ? "no action" : "more than one action " + actions)
          + " in " + keys + "; a step is one of " + String.join(", ", new TreeSet<>(ACTIONS.keySet())) + ".");
    }
    String action = actions.get(0);
    for (String key : keys) {
      if (!key.equals(action) && !ACTIONS.get(action).contains(key)) {
        throw new ConfigProblem(where + ": unknown key '" + key + "' for '" + action + "'; "
            + (ACTIONS.get(action).isEmpty() ? "it takes no option" : "its options are "
                + String.join(", ", new TreeSet<>(ACTIONS.get(action)))) + ".");
      }
    }
    return action;
  }

  private static <T extends WsStep.Ending> T flag(PreflightConfig step, String key, String where, T ending) {
    if (!step.bool(key)) {
      throw new ConfigProblem(where + ": '" + key + " = false' is not an ending; remove the step or use "
          + "{ close = 1000 }.");
    }
    return ending;
  }

  private static int closeCode(PreflightConfig step, String key, String where) {
    int code = step.positiveInt(key);
    if (code < 1000 || code > 4999 || code == 1005 || code == 1006) {
      throw new ConfigProblem(where + ": close code " + code + " cannot be sent; use 1000 (normal), 1001 "
          + "(going away), another code from 1000 to 4999 but 1005 and 1006, which are never on the wire.");
    }
    return code;
  }

  private static Pattern pattern(String regex, String where) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new ConfigProblem(where + ": '" + regex + "' is not a regular expression: " + e.getDescription() + ".");
    }
  }
}
