package io.ginpreflight.openapi;

import io.ginpreflight.config.ConfigProblem;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An OpenAPI document read by swagger-parser: Swagger 2.0 (what swaggo writes for Gin services, converted
 * to the OpenAPI 3 model) or OpenAPI 3.0/3.1, every {@code $ref} resolved. A document that cannot be
 * read or parsed stops the run before any load, with one sentence naming the file and the problem.
 */
public final class OpenApiDocument {

  private static final String KEY = "preflight.openapi";

  private final Path file;
  private final OpenAPI api;

  private OpenApiDocument(Path file, OpenAPI api) {
    this.file = file;
    this.api = api;
  }

  public static OpenApiDocument read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigProblem("Configuration key '" + KEY + "' names '" + file + "', which cannot be read ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
          + "): give the path of a swagger.json or openapi.yaml, relative to the project directory.");
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    SwaggerParseResult result = new OpenAPIParser().readContents(text, null, options);
    List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
    if (result.getOpenAPI() == null || result.getOpenAPI().getPaths() == null) {
      throw new ConfigProblem("The OpenAPI document '" + file + "' (" + KEY + ") cannot be used: "
          + (messages.isEmpty() ? "it is neither Swagger 2.0 nor OpenAPI 3 JSON or YAML" : String.join("; ", messages))
          + ". Fix the document (swag init regenerates swaggo's), or unset " + KEY + ".");
    }
    return new OpenApiDocument(file, result.getOpenAPI());
  }

  Path file() {
    return file;
  }

  OpenAPI api() {
    return api;
  }

  /**
   * The path prefix every operation sits under: Swagger 2.0's basePath (the converter makes it the first
   * server), or the path of OpenAPI 3's first server URL; "" when there is none.
   */
  String basePath() {
    if (api.getServers() == null || api.getServers().isEmpty() || api.getServers().get(0).getUrl() == null) {
      return "";
    }
    String url = api.getServers().get(0).getUrl();
    String path = url.startsWith("/") ? url : URI.create(url.replaceAll("\\{[^}]*}", "x")).getPath();
    if (path == null || path.equals("/")) {
      return "";
    }
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
