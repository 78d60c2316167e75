package io.ginpreflight.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class LoginTest {

  private static final String USER = "u-3f9c1a";
  private static final String PASSWORD = "pw-7be24d0c";
  private static final UnaryOperator<String> ENVIRONMENT = Map.of("SVC_USER", USER, "SVC_PASSWORD", PASSWORD)::get;

  private static PreflightConfig config(Map<String, Object> overrides) {
    Map<String, Object> login = new HashMap<>(Map.of(
        "preflight.login.path", "/v1/login",
        "preflight.login.body", "{\"user\":\"#{user}\",\"password\":\"#{password}\"}",
        "preflight.login.credentials-env.user", "SVC_USER",
        "preflight.login.credentials-env.password", "SVC_PASSWORD",
        "preflight.login.token.json-path", "$.token"));
    login.putAll(overrides);
    return PreflightConfig.from(ConfigFactory.parseMap(login), Optional.empty());
  }

  private static Login read(Map<String, Object> overrides) {
    return Login.from(config(overrides), ENVIRONMENT).orElseThrow();
  }

  @Test
  void aLoginWithItsCredentialsFromTheEnvironmentAndItsTokenFromAJsonPath() {
    // GIVEN the login of sessionsvc WHEN read
    Login login = read(Map.of());

    // THEN the credentials are the variables' values, the token is read from $.token, binding and api log in
    assertEquals(Map.of("user", USER, "password", PASSWORD), login.credentials());
    assertEquals(new TokenSource(TokenSource.Kind.JSON_PATH, "$.token"), login.token());
    assertEquals("/token", login.token().jsonPointer());
    assertTrue(login.logsIn(Families.BINDING) && login.logsIn(Families.API));
    assertFalse(login.logsIn(Families.LONG_CONNECTIONS));
    assertEquals(List.of(200), login.statuses());
  }

  @Test
  void whatItPrintsNamesTheVariablesButNeverTheirValues() {
    Login login = read(Map.of());

    // THEN its description and its toString name the variables, not the user or the password
    assertEquals("POST /v1/login (credentials from SVC_PASSWORD, SVC_USER; token from JSON path $.token)",
        login.describe());
    for (String printed : List.of(login.describe(), login.toString())) {
      assertFalse(printed.contains(USER) || printed.contains(PASSWORD), printed);
    }
  }

  @Test
  void withoutAPathThereIsNoLogin() {
    assertEquals(Optional.empty(), Login.from(PreflightConfig.from(ConfigFactory.empty(), Optional.empty()),
        ENVIRONMENT));
  }

  @Test
  void aVariableThatIsNotSetStopsTheRunNamingKeyAndVariable() {
    ConfigProblem problem = assertThrows(ConfigProblem.class,
        () -> read(Map.of("preflight.login.credentials-env.password", "SVC_PASSWORD_TYPO")));

    assertEquals("Configuration key 'preflight.login.credentials-env.password' names the environment variable "
        + "'SVC_PASSWORD_TYPO', which is not set: export it with the login's password, or remove the key.",
        problem.getMessage());
  }

  @Test
  void aTokenNeedsExactlyOneSource() {
    ConfigProblem none = assertThrows(ConfigProblem.class, () -> read(Map.of("preflight.login.token.json-path", "")));
    ConfigProblem two = assertThrows(ConfigProblem.class, () -> read(Map.of("preflight.login.token.cookie", "sid")));

    assertEquals("Configuration key 'preflight.login.token' sets none of json-path, header and cookie: set exactly "
        + "one, e.g. preflight.login.token.json-path = \"$.token\", so later requests can use #{token}.",
        none.getMessage());
    assertTrue(two.getMessage().startsWith("Configuration key 'preflight.login.token' sets 2 of json-path, header "
        + "and cookie"), two.getMessage());
  }

  @Test
  void aJsonPathThatIsNotNamesAndIndexesIsRefused() {
    ConfigProblem problem = assertThrows(ConfigProblem.class,
        () -> read(Map.of("preflight.login.token.json-path", "token")));

    assertEquals("Configuration key 'preflight.login.token.json-path' has invalid value 'token': expected a path of "
        + "names and indexes from the root such as $.token or $.data.access_token.", problem.getMessage());
    assertEquals("/data/tokens/0/value",
        read(Map.of("preflight.login.token.json-path", "$.data.tokens[0].value")).token().jsonPointer());
  }

  @Test
  void aBodyPlaceholderThatIsNoCredentialIsRefused() {
    ConfigProblem problem = assertThrows(ConfigProblem.class,
        () -> read(Map.of("preflight.login.body", "{\"user\":\"#{username}\"}")));

    assertEquals("Configuration key 'preflight.login.body' uses #{username}, which is not one of "
        + "preflight.login.credentials-env (password, user): name the environment variable that holds it there.",
        problem.getMessage());
  }

  @Test
  void onlyTheRequestFamiliesLogIn() {
    ConfigProblem problem = assertThrows(ConfigProblem.class,
        () -> read(Map.of("preflight.login.families", List.of("binding", "long-connections"))));

    assertEquals("Configuration key 'preflight.login.families' names 'long-connections': a login is sent by the "
        + "virtual users of api and binding only.", problem.getMessage());
  }

  @Test
  void aRequestNameWithTheTokenOrACredentialIsRefused() {
    // GIVEN binding requests named after the user, as Gatling's report would then print it
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> Families.read(config(Map.of(
        "preflight.families.binding.requests", List.of(Map.of("name", "profile of #{user}", "path", "/p",
            "status", 200)))), Optional.empty(), List.of(Families.BINDING), ENVIRONMENT));

    assertEquals("Configuration key 'preflight.families.binding.requests[0].name' puts #{user} in a request name, "
        + "which Gatling writes to its report: name the request without it.", problem.getMessage());
  }

  @Test
  void aTokenUsedByAFamilyThatDoesNotLogInIsRefused() {
    // GIVEN api's requests sending the token while only binding logs in
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> Families.read(config(Map.of(
        "preflight.login.families", List.of("binding"),
        "preflight.families.api.headers.Authorization", "Bearer #{token}")), Optional.empty(),
        List.of(Families.API), ENVIRONMENT));

    assertEquals("Configuration key 'preflight.families.api.requests[0]' (or preflight.families.api.headers) uses "
        + "#{token}, but this family's virtual users do not log in: set preflight.login (and list api in "
        + "preflight.login.families).", problem.getMessage());
  }

  @Test
  void familyHeadersGoUnderARequestsOwn() {
    // GIVEN a family header and a request with its own Authorization
    PreflightConfig entry = PreflightConfig.from(ConfigFactory.parseMap(Map.of(
        "preflight.families.api.requests", List.of(Map.of("name", "n", "path", "/p", "status", 200,
            "headers", Map.of("authorization", "Basic own"))))), Optional.empty())
        .objectList("preflight.families.api.requests", Endpoint.KEYS).get(0);

    Endpoint endpoint = Endpoint.from(entry).underHeaders(Map.of("Authorization", "Bearer #{token}", "X-Tenant", "t1"));

    // THEN the request's own wins whatever its case, the other family header is added
    assertEquals(Map.of("X-Tenant", "t1", "authorization", "Basic own"), endpoint.headers());
  }
}
