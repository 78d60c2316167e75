package io.ginpreflight.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that builds Go (gin-lab, testdata/uploadsvc). Under {@code -Dgo.skip=true},
 * or when no Go toolchain is found, it is skipped with the reason instead of failing, so that
 * {@code mvn -Dgo.skip=true verify} on a machine without Go still runs every other test.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(GoAvailability.class)
public @interface RequiresGo {

  /** What Go is needed for, read after "needs Go": e.g. {@code "to build gin-lab"}. */
  String value();
}
