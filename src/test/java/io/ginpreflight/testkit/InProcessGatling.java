package io.ginpreflight.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs one small simulation inside the test's own JVM, as Gatling's launcher does, and keeps what it
 * printed: for the unit tests of the parts that only Gatling's engine exercises (checks on real responses,
 * actions that record results). Gatling's own assertions are the oracle: the exit code says whether they
 * all held, and the console output says which did not.
 */
public final class InProcessGatling {

  public final int exitCode;
  public final String console;

  private InProcessGatling(int exitCode, String console) {
    this.exitCode = exitCode;
    this.console = console;
  }

  /** Runs {@code simulation}, writing Gatling's results under {@code results}. One run at a time per JVM. */
  public static synchronized InProcessGatling run(Class<?> simulation, Path results) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8);
    String[] args = {"-s", simulation.getName(), "-rf", results.toString(), "-nr"};
    System.setOut(tee);
    try {
      // Gatling prints its summary and assertion results through Scala's Console, which keeps its own stream.
      int exit = scala.Console$.MODULE$.withOut(tee,
          (scala.Function0<Integer>) () -> io.gatling.app.Gatling$.MODULE$.fromArgs(args));
      return new InProcessGatling(exit, captured.toString(StandardCharsets.UTF_8));
    } finally {
      tee.flush();
      System.setOut(original);
    }
  }

  /** Writes to the console as usual, and to the capture. */
  private static final class Tee extends java.io.OutputStream {
    private final PrintStream console;
    private final ByteArrayOutputStream capture;

    Tee(PrintStream console, ByteArrayOutputStream capture) {
      this.console = console;
      this.capture = capture;
    }

    @Override
    public void write(int b) {
      console.write(b);
      capture.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      console.write(bytes, offset, length);
      capture.write(bytes, offset, length);
    }
  }
}
