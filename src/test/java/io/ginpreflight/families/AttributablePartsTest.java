package io.ginpreflight.families;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.gatling.AloneStatus;
import io.ginpreflight.gatling.Exchanges;
import io.ginpreflight.gatling.RawClients;
import io.ginpreflight.gatling.RequestCounter;
import io.ginpreflight.model.RequestPart;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import io.ginpreflight.testkit.GatlingDsl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each family's journey as the requests an attribution drives apart: their names in Gatling's report, methods
 * and paths, what one of each is called, and how many a journey sends, read from the test services' own configs.
 */
class AttributablePartsTest {

  @BeforeAll
  static void gatlingsDefaults() {
    GatlingDsl.configureForTests();
  }

  private static PreflightConfig of(String service) {
    return PreflightConfig.from(ConfigFactory.empty(), Optional.of(Path.of("src/test/resources/testdata/" + service
        + "/preflight-" + service + ".conf")));
  }

  @Test
  void aRequestFamilyIsItsListOfRequestsEachAsOftenAsItRepeats() {
    RequestFamily binding = RequestFamily.from(of("sessionsvc"), "binding", Profile.QUICK, new Skips(),
        Optional.empty(), Optional.empty()).orElseThrow();

    List<RequestPart> parts = binding.family(new AloneStatus(new RequestCounter())).parts().orElseThrow().requests();

    assertEquals(18, parts.size());
    assertEquals(RequestPart.request("cart: add item (new cart)", "POST", "/v1/carts/c#{seq}/items", 1), parts.get(7));
    RequestFamily api = RequestFamily.from(of("sessionsvc"), "api", Profile.QUICK, new Skips(), Optional.empty(),
        Optional.empty()).orElseThrow();
    // one request sent three times a journey: nothing to drive apart (the plan lays out no round for it)
    assertEquals(List.of(RequestPart.request("events: click", "POST", "/v1/events", 3)),
        api.family(new AloneStatus(new RequestCounter())).parts().orElseThrow().requests());
  }

  @Test
  void longConnectionsAreEachSseClientEachConversationAndEachPoll() {
    LongConnectionFamily family = LongConnectionFamily.from(of("sessionsvc"), Profile.QUICK, new Skips(), List.of())
        .orElseThrow();

    List<RequestPart> parts = family.family("http://127.0.0.1:1", new RawClients(),
        new Exchanges(new RequestCounter())).parts().orElseThrow().requests();

    String notifications = "GET /v1/notifications?user=u#{seq}&count=5&interval_ms=10";
    assertEquals(List.of(new RequestPart("notifications: read 5 events", notifications, "SSE stream", 1),
        new RequestPart("notifications: read 1 then drop", notifications, "SSE stream", 1),
        new RequestPart("live", "GET /v1/live?topic=t#{seq}", "WebSocket conversation", 1),
        new RequestPart("live (vanish)", "GET /v1/live?topic=t#{seq}", "WebSocket conversation", 1),
        new RequestPart("inbox", "GET /v1/inbox/wait?timeout_ms=50", "long poll", 3)), parts);
    assertEquals("GET /v1/notifications", parts.get(1).route());
  }

  @Test
  void uploadsSentOneJourneyInTenCountAsATenthOfARequest() {
    UploadFamily uploads = UploadFamily.from(of("ordersvc"), Profile.QUICK, new Skips(), Optional.empty())
        .orElseThrow();

    List<RequestPart> parts = uploads.family("http://127.0.0.1:1", new RawClients(),
        new Exchanges(new RequestCounter())).parts().orElseThrow().requests();

    assertEquals(List.of("upload: single 1 KiB", "upload: single 64 KiB", "upload: single 512 KiB",
        "upload: multiple 2 × 1 KiB", "upload: malformed multipart", "upload: missing file part",
        "upload: aborted mid-body 1 MiB", "upload: single 2 MiB (spills to disk)", "upload: oversized 9 MiB"),
        parts.stream().map(RequestPart::name).toList());
    assertEquals(new RequestPart("upload: oversized 9 MiB", "POST /api/v2/orders/#{seq}/attachments", "upload", 0.1),
        parts.get(8));
  }
}
