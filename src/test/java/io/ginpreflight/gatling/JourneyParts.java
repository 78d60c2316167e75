package io.ginpreflight.gatling;

import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.ginpreflight.model.RequestPart;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A family's journey as the requests an attribution can drive apart: what every journey does first (its
 * {@code #{seq}}, its feeder row, its login) and then each request in journey order, each with the chain that
 * sends it. Immutable.
 *
 * <pre>{@code
 * JourneyParts.of(feed(new RunSequence()), List.of(new JourneyParts.Part(RequestPart.request("cart: add", "POST",
 *     "/v1/carts/c#{seq}/items", 1), addToCart)))
 * }</pre>
 */
public final class JourneyParts {

  /** One request of the journey: what it is, and the chain that sends it. */
  public record Part(RequestPart request, ChainBuilder chain) {}

  /** Which of a journey's parts one round drives, and the group its requests appear under in Gatling's report. */
  public interface Selection {
    boolean drives(Session session, int part);

    String group(Session session);
  }

  private final ChainBuilder first;
  private final List<Part> parts;

  private JourneyParts(ChainBuilder first, List<Part> parts) {
    this.first = first;
    this.parts = List.copyOf(parts);
  }

  /** @param first what every journey does before its requests, whichever of them it sends */
  public static JourneyParts of(ChainBuilder first, List<Part> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("A journey to drive apart needs at least one request.");
    }
    return new JourneyParts(first, parts);
  }

  /** The requests, in journey order. */
  public List<RequestPart> requests() {
    return parts.stream().map(Part::request).toList();
  }

  /**
   * A journey that sends only the parts {@code selection} chooses, each where the whole journey sends it, all
   * under one group named by the selection, so Gatling's report shows the round's requests apart from the
   * phase's.
   */
  public ChainBuilder journey(Selection selection) {
    List<ChainBuilder> chosen = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      int part = i;
      chosen.add(doIf(session -> selection.drives(session, part)).then(parts.get(i).chain()));
    }
    Function<Session, String> name = selection::group;
    return exec(first).exec(group(name).on(exec(chosen)));
  }
}
