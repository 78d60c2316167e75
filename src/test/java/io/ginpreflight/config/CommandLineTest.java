package io.ginpreflight.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

public class CommandLineTest {

  private static final String KEY = "'preflight.target.command'";

  @Test
  void blanksSeparateArguments() {
    assertEquals(List.of("go", "run", "./cmd/api", "-port", "8080"),
        CommandLine.split("  go run\t./cmd/api  -port 8080 ", KEY));
  }

  @Test
  void quotesAndBackslashesKeepBlanksTheWayAShellDoes() {
    assertEquals(List.of("./api", "-name", "my service", "-msg", "it's \"ok\"", "a b", ""),
        CommandLine.split("./api -name 'my service' -msg \"it's \\\"ok\\\"\" a\\ b ''", KEY));
  }

  @Test
  void aBackslashInDoubleQuotesIsKeptBeforeAnOrdinaryCharacter() {
    assertEquals(List.of("C:\\dir"), CommandLine.split("\"C:\\dir\"", KEY));
  }

  @Test
  void anUnterminatedQuoteIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CommandLine.split("./api -name 'my service", KEY));
    assertEquals("'preflight.target.command' has an unterminated ' quote: ./api -name 'my service", e.getMessage());
  }

  @Test
  void shellOperatorsAreRefusedBecauseNoShellRuns() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CommandLine.split("make build && ./api", KEY));
    assertEquals("'preflight.target.command' contains '&', which only a shell understands, and the command is "
        + "started without one: quote it, or give the command as a list such as [\"sh\", \"-c\", \"...\"]",
        e.getMessage());
  }

  @Test
  void quotedShellCharactersAreOrdinary() {
    assertEquals(List.of("./api", "-filter", "a|b*"), CommandLine.split("./api -filter 'a|b*'", KEY));
  }
}
