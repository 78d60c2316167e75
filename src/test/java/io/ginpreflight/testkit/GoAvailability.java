package io.ginpreflight.testkit;

import io.ginpreflight.target.GoToolchain;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Skips what is marked {@link RequiresGo} when Go is switched off or missing. A condition rather than an
 * assumption in the test: it is decided before the class is set up, so a skipped integration test never
 * starts to build gin-lab. Surefire counts skipped tests but does not print why, so each skipped class
 * also gets one {@code [skipped]} line on the console.
 */
public final class GoAvailability implements ExecutionCondition {

  private static final ExtensionContext.Namespace SKIPPED = ExtensionContext.Namespace.create(GoAvailability.class);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<RequiresGo> requirement = AnnotationSupport.findAnnotation(context.getElement(), RequiresGo.class);
    if (requirement.isEmpty()) {
      return ConditionEvaluationResult.enabled("does not need Go");
    }
    Optional<String> reason = reason(requirement.get().value(), Boolean.getBoolean("go.skip"), GoToolchain.find());
    if (reason.isEmpty()) {
      return ConditionEvaluationResult.enabled("Go is available");
    }
    announce(context, reason.get());
    return ConditionEvaluationResult.disabled(reason.get());
  }

  /** Why a test that needs Go {@code need} cannot run, if it cannot. */
  static Optional<String> reason(String need, boolean goSkip, Optional<Path> go) {
    if (goSkip) {
      return Optional.of("needs Go " + need + ", and -Dgo.skip=true is set: drop -Dgo.skip (Go 1.26+ installed) "
          + "to run it");
    }
    if (go.isEmpty()) {
      return Optional.of("needs Go " + need + ", and no 'go' is on PATH or in /usr/local/go/bin: install Go 1.26+ "
          + "to run it");
    }
    return Optional.empty();
  }

  static String line(String testClass, List<String> methods, String reason) {
    String which = methods.isEmpty() ? "" : " (" + String.join(", ", methods) + ")";
    return "[skipped] " + testClass + which + ": " + reason;
  }

  /**
   * A skipped class is printed at once; skipped methods are collected in their class's store, which JUnit
   * closes when the class is done, so that the class still gets one line naming them all.
   */
  private static void announce(ExtensionContext context, String reason) {
    Optional<Method> method = context.getTestMethod();
    if (method.isEmpty()) {
      System.out.println(line(context.getRequiredTestClass().getSimpleName(), List.of(), reason));
      return;
    }
    ExtensionContext classContext = context.getParent().orElseThrow();
    classContext.getStore(SKIPPED)
        .getOrComputeIfAbsent(reason, key -> new SkippedMethods(context.getRequiredTestClass().getSimpleName(), key),
            SkippedMethods.class)
        .methods.add(method.get().getName());
  }

  /** The skipped methods of one class for one reason, printed when JUnit closes the class's store. */
  private static final class SkippedMethods implements AutoCloseable {

    private final String testClass;
    private final String reason;
    private final List<String> methods = new ArrayList<>();

    private SkippedMethods(String testClass, String reason) {
      this.testClass = testClass;
      this.reason = reason;
    }

    @Override
    public void close() {
      System.out.println(line(testClass, methods, reason));
    }
  }
}
