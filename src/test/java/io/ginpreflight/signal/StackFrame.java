package io.ginpreflight.signal;

/**
 * One frame of a Go stack as pprof and runtime.Stack print it: the function's full name
 * ({@code main.(*lab).serve.func2}, {@code github.com/gin-gonic/gin.(*Context).Next}) and where it is.
 */
public record StackFrame(String function, String file, int line) {

  /** The base name of the file and the line, as people quote a place: {@code upload.go:41}. */
  public String location() {
    return file.substring(file.lastIndexOf('/') + 1) + ":" + line;
  }

  /**
   * The Go package path the function belongs to: everything before the first dot after the last
   * slash ({@code net/http.(*conn).serve} is in {@code net/http}).
   */
  public String packagePath() {
    int slash = function.lastIndexOf('/', firstParenOrEnd());
    int dot = function.indexOf('.', slash + 1);
    return dot < 0 ? function : function.substring(0, dot);
  }

  // Method names such as net/http.(*conn).serve hold no slash after the package, but generic
  // instantiations can (main.F[go.shape.*net/http.Request]); look for the slash before them only.
  private int firstParenOrEnd() {
    int cut = function.length();
    for (char c : new char[] {'(', '['}) {
      int at = function.indexOf(c);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    return cut;
  }
}
