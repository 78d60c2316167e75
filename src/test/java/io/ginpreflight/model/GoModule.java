package io.ginpreflight.model;

/**
 * One module a Go binary was built from, as its build info lists it ({@code go version -m}): the main
 * module or a dependency. {@code replacedBy} is the module that replaced it ({@code =>} line, path and
 * version), empty when none.
 */
public record GoModule(String path, String version, String replacedBy) {

  public GoModule {
    replacedBy = replacedBy == null ? "" : replacedBy;
  }

  /** {@code github.com/gin-gonic/gin v1.12.0}, as people quote a module. */
  public String quoted() {
    return version.isEmpty() ? path : path + " " + version;
  }

  /**
   * Whether a Go package path belongs to this module: the module path itself or below it. A longer module
   * that shares the prefix ({@code example.com/a} and {@code example.com/ab}) does not match.
   */
  public boolean contains(String packagePath) {
    return packagePath.equals(path) || packagePath.startsWith(path + "/");
  }
}
