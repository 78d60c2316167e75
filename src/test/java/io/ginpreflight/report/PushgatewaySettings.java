package io.ginpreflight.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where and as what a run's results are pushed. Credentials are never held here, only the names of the
 * environment variables that hold them, so that no settings dump, log line or report can show them.
 *
 * @param url the Pushgateway's base URL, e.g. {@code http://pushgateway:9091}
 * @param job the {@code job} label of the pushed group
 * @param grouping further grouping labels (e.g. {@code branch}, {@code runner}); the simulation is added
 * @param usernameEnv name of the environment variable with the basic-auth user, empty for none
 * @param passwordEnv name of the environment variable with the basic-auth password, empty for none
 */
public record PushgatewaySettings(String url, String job, Map<String, String> grouping, String usernameEnv,
    String passwordEnv) {

  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  public PushgatewaySettings {
    try {
      URI uri = new URI(url == null ? "" : url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException("preflight.pushgateway.url must be an http:// or https:// URL with a "
            + "host, got '" + redacted(url) + "'.");
      }
      if (uri.getUserInfo() != null) {
        throw new IllegalArgumentException("preflight.pushgateway.url must not carry credentials; name the "
            + "environment variables that hold them in preflight.pushgateway.username-env and password-env.");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("preflight.pushgateway.url is not a URL: " + e.getReason() + ".");
    }
    if (job == null || job.isBlank()) {
      throw new IllegalArgumentException("preflight.pushgateway.job needs a name, e.g. gin-preflight.");
    }
    grouping = Map.copyOf(new TreeMap<>(grouping == null ? Map.of() : grouping));
    for (String label : grouping.keySet()) {
      if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__") || label.equals("job")) {
        throw new IllegalArgumentException("preflight.pushgateway.grouping." + label + " is not a usable "
            + "Prometheus label name: letters, digits and _, not starting with a digit or __, not 'job'.");
      }
    }
    usernameEnv = usernameEnv == null ? "" : usernameEnv.trim();
    passwordEnv = passwordEnv == null ? "" : passwordEnv.trim();
    if (usernameEnv.isEmpty() != passwordEnv.isEmpty()) {
      throw new IllegalArgumentException("Basic auth needs both preflight.pushgateway.username-env and "
          + "password-env, or neither.");
    }
  }

  /** Settings without basic auth. */
  public static PushgatewaySettings of(String url, String job, Map<String, String> grouping) {
    return new PushgatewaySettings(url, job, grouping, "", "");
  }

  public boolean basicAuth() {
    return !usernameEnv.isEmpty();
  }

  /** The URL without any user info, for messages. */
  static String redacted(String url) {
    return url == null ? "" : url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1***@");
  }
}
