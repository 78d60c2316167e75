package io.ginpreflight.signal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the target's signal endpoints. Blocking by design: it is only called from the memory watch's
 * own threads, never from Gatling's event loops. The optional auth header's value is sent and never
 * put in a message.
 */
public final class SignalClient {

  private final HttpClient http;
  private final Duration timeout;
  private final Optional<AuthHeader> auth;

  /** An auth header; {@link #toString()} hides the value so it cannot leak into a log by accident. */
  public record AuthHeader(String name, String value) {
    @Override
    public String toString() {
      return name + ": (hidden)";
    }
  }

  public SignalClient(Duration timeout, Optional<AuthHeader> auth) {
    this.timeout = timeout;
    this.auth = auth;
    this.http = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  public SignalClient(Duration timeout) {
    this(timeout, Optional.empty());
  }

  public String get(String url) throws SignalUnavailable {
    return new String(getBytes(url), StandardCharsets.UTF_8);
  }

  public byte[] getBytes(String url) throws SignalUnavailable {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
    auth.ifPresent(header -> request.header(header.name(), header.value()));
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new SignalUnavailable(url + " did not answer within " + timeout.toMillis() + " ms");
    } catch (ConnectException e) {
      throw new SignalUnavailable(url + " refused the connection (is the target running?)");
    } catch (IOException e) {
      throw new SignalUnavailable(url + " failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SignalUnavailable(url + " was interrupted");
    }
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new SignalUnavailable(url + " answered HTTP " + status + (auth.isPresent()
          ? " although an auth header was sent (check the token in preflight.auth.value-env)"
          : " (it needs credentials: name the environment variable holding them in preflight.auth.value-env)"));
    }
    if (status != 200) {
      throw new SignalUnavailable(url + " answered HTTP " + status);
    }
    return response.body();
  }
}
