package io.ginpreflight.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ginpreflight.config.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator on ordersvc's real swaggo output: docs/swagger.json (Swagger 2.0, swag v1.16.6) and
 * docs/openapi3/swagger.json (OpenAPI 3.1, swag v2.0.0-rc6), both generated from the same annotations
 * by the commands in testdata/ordersvc/README.md.
 */
class OpenApiRequestsTest {

  private static final Path ORDERSVC = Path.of("src/test/resources/testdata/ordersvc/docs");
  private static final String PLACE = "{\"customer\":\"ada\",\"lines\":[{\"quantity\":2,\"sku\":\"MUG-01\"}]}";

  private static final List<GeneratedRequest> EXPECTED = List.of(
      request("GET /api/v2/orders", "GET", "/api/v2/orders?status=placed&limit=20", null, 200),
      request("GET /api/v2/orders (limit not a number)", "GET", "/api/v2/orders?status=placed&limit=not-a-number",
          null, 400, 422),
      request("POST /api/v2/orders", "POST", "/api/v2/orders", PLACE, 201),
      request("POST /api/v2/orders (malformed body)", "POST", "/api/v2/orders", PLACE.substring(0, PLACE.length() / 2),
          400, 422),
      request("POST /api/v2/orders (missing required field customer)", "POST", "/api/v2/orders",
          "{\"lines\":[{\"quantity\":2,\"sku\":\"MUG-01\"}]}", 400, 422),
      request("POST /api/v2/orders (field customer of the wrong type)", "POST", "/api/v2/orders",
          "{\"customer\":12345,\"lines\":[{\"quantity\":2,\"sku\":\"MUG-01\"}]}", 400, 422),
      request("GET /api/v2/orders/{id}", "GET", "/api/v2/orders/#{seq}", null, 200, 404),
      request("GET /api/v2/orders/{id} (id not a number)", "GET", "/api/v2/orders/not-a-number", null, 400),
      request("PUT /api/v2/orders/{id}/status", "PUT", "/api/v2/orders/#{seq}/status", "{\"status\":\"paid\"}",
          200, 404),
      request("PUT /api/v2/orders/{id}/status (id not a number)", "PUT", "/api/v2/orders/not-a-number/status",
          "{\"status\":\"paid\"}", 400, 422),
      request("PUT /api/v2/orders/{id}/status (malformed body)", "PUT", "/api/v2/orders/#{seq}/status",
          "{\"status", 400, 422, 404),
      request("PUT /api/v2/orders/{id}/status (missing required field status)", "PUT",
          "/api/v2/orders/#{seq}/status", "{}", 400, 422, 404),
      request("PUT /api/v2/orders/{id}/status (field status of the wrong type)", "PUT",
          "/api/v2/orders/#{seq}/status", "{\"status\":12345}", 400, 422, 404));

  private static GeneratedRequest request(String name, String method, String path, String body, Integer... statuses) {
    return new GeneratedRequest("openapi: " + name, method, path, Optional.ofNullable(body), List.of(statuses));
  }

  @Test
  void swaggosSwagger2OutputGivesEveryOperationAndItsInvalidVariants() {
    OpenApiRequests.Generated generated = OpenApiRequests.from(OpenApiDocument.read(ORDERSVC.resolve("swagger.json")));

    assertEquals(EXPECTED, generated.requests());
    // every operation declares 400 or 422: nothing is left out
    assertEquals(List.of(), generated.skipped());
  }

  @Test
  void theSameAnnotationsAsOpenApi31GiveTheSameRequests() {
    OpenApiRequests.Generated generated = OpenApiRequests.from(
        OpenApiDocument.read(ORDERSVC.resolve("openapi3/swagger.json")));

    assertEquals(EXPECTED, generated.requests());
  }

  @Test
  void theGeneratedListIsHoconTheBindingFamilyReads() {
    OpenApiRequests.Generated generated = OpenApiRequests.from(OpenApiDocument.read(ORDERSVC.resolve("swagger.json")));
    String hocon = GeneratedHocon.file(ORDERSVC.resolve("swagger.json"), generated);

    com.typesafe.config.Config parsed = com.typesafe.config.ConfigFactory.parseString(hocon);
    List<? extends com.typesafe.config.Config> entries = parsed.getConfigList("preflight.families.binding.requests");
    assertEquals(EXPECTED.size(), entries.size());
    assertEquals(PLACE, entries.get(2).getString("body"));
    assertEquals(List.of(200, 404), entries.get(6).getIntList("status"));
  }

  @Test
  void aTruncatedDocumentStopsTheRunNamingTheFileAndTheProblem(@TempDir Path dir) throws Exception {
    // GIVEN the real document cut in half, as a failed copy leaves it
    String real = Files.readString(ORDERSVC.resolve("swagger.json"));
    Path cut = dir.resolve("swagger.json");
    Files.writeString(cut, real.substring(0, real.length() / 2));

    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> OpenApiDocument.read(cut));

    String message = problem.getMessage();
    assertEquals(true, message.startsWith("The OpenAPI document '" + cut + "' (preflight.openapi) cannot be used: "),
        message);
    assertEquals(true, message.endsWith(". Fix the document (swag init regenerates swaggo's), or unset "
        + "preflight.openapi."), message);
  }

  @Test
  void theBindingFamilyIsReadFromTheDocumentBeforeAnyTargetStarts(@TempDir Path dir) {
    // GIVEN preflight.openapi naming a file that is not there WHEN the families are read (a simulation
    // does this before it starts or attaches the target) THEN the run stops with the sentence
    Path missing = dir.resolve("swagger.json");
    io.ginpreflight.config.PreflightConfig config = io.ginpreflight.config.PreflightConfig.from(
        com.typesafe.config.ConfigFactory.parseMap(java.util.Map.of("preflight.openapi", missing.toString())),
        Optional.empty());

    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> io.ginpreflight.families.Families.read(config,
        Optional.empty(), List.of(io.ginpreflight.families.Families.BINDING)));

    assertEquals(true, problem.getMessage().startsWith("Configuration key 'preflight.openapi' names '" + missing
        + "', which cannot be read"), problem.getMessage());
  }

  @Test
  void aMistypedKeyIsRefusedNamingTheRealOne() {
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> io.ginpreflight.config.PreflightConfig.from(
        com.typesafe.config.ConfigFactory.parseString("preflight.opneapi = docs/swagger.json"), Optional.empty()));

    assertEquals(true, problem.getMessage().startsWith("Unknown configuration key 'preflight.opneapi'; known keys "
        + "are: "), problem.getMessage());
    assertEquals(true, problem.getMessage().contains("preflight.openapi,"), problem.getMessage());
  }

  @Test
  void aMissingDocumentStopsTheRunNamingTheFile(@TempDir Path dir) {
    Path missing = dir.resolve("docs/swagger.json");

    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> OpenApiDocument.read(missing));

    assertEquals("Configuration key 'preflight.openapi' names '" + missing + "', which cannot be read "
        + "(NoSuchFileException: " + missing + "): give the path of a swagger.json or openapi.yaml, relative to the "
        + "project directory.", problem.getMessage());
  }

  @Test
  void anOperationWithAMultipartFileFieldIsAnUploadNotABindingRequest(@TempDir Path dir) throws Exception {
    // GIVEN ordersvc's document with its POST body turned into a file upload (swaggo writes formData for
    // @Param file formData file)
    String real = Files.readString(ORDERSVC.resolve("swagger.json"));
    String upload = real.replace("\"description\": \"the customer and the lines\",\n                        \"name\": \"order\",\n"
        + "                        \"in\": \"body\",", "\"description\": \"the customer and the lines\",\n"
        + "                        \"name\": \"order\",\n                        \"in\": \"formData\", \"type\": \"file\",");
    Path file = dir.resolve("swagger.json");
    Files.writeString(file, upload.replace("\"consumes\": [\n                    \"application/json\"\n                ],\n"
        + "                \"produces\": [\n                    \"application/json\"\n                ],\n"
        + "                \"tags\": [\n                    \"orders\"\n                ],\n                \"summary\": \"Place an order\"",
        "\"consumes\": [\"multipart/form-data\"], \"produces\": [\"application/json\"], \"tags\": [\"orders\"], "
        + "\"summary\": \"Place an order\""));

    OpenApiRequests.Generated generated = OpenApiRequests.from(OpenApiDocument.read(file));

    // THEN the uploads family gets it, with the file field and the statuses it declares; binding does not
    assertEquals(List.of(new GeneratedUpload("openapi: POST /api/v2/orders", "POST", "/api/v2/orders", "order",
        List.of(201), OptionalLong.empty(), List.of(400, 422), false)), generated.uploads());
    assertEquals(false, generated.requests().stream().anyMatch(r -> r.name().startsWith("openapi: POST")));
  }
}
