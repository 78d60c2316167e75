package io.ginpreflight.target;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An external target must answer before any load is sent; any HTTP status counts as an answer. */
public final class TargetReachability {

  private TargetReachability() {}

  public static void require(String baseUrl, Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    try {
      client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/")).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new TargetStartFailure("Nothing answers at " + baseUrl + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): start the service, or fix "
          + "preflight.target.url.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetStartFailure("Interrupted while checking that " + baseUrl + " answers.");
    }
  }
}
