package io.ginpreflight.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The binding family's requests from an OpenAPI document: every operation once with valid values (its
 * examples, or values its schema allows), then its invalid variants (a malformed body, a missing required
 * field, a field of the wrong type, a number parameter that is not one), each expecting the 4xx the
 * operation declares for bad input. Path parameters and free-form query strings get fresh values
 * ({@code #{seq}}) so that new keys reach the service, as real traffic does. An operation the generator
 * cannot fill is skipped with a line saying which and why.
 */
public final class OpenApiRequests {

  /** The statuses that mean "bad input" in the Gin services we target (binding errors, validation). */
  private static final Set<Integer> BAD_INPUT = Set.of(400, 422);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the document gave: the requests, and a line for each operation or variant left out. */
  public record Generated(List<GeneratedRequest> requests, List<String> skipped) {}

  private OpenApiRequests() {}

  public static Generated from(OpenApiDocument document) {
    List<GeneratedRequest> requests = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    String base = document.basePath();
    for (Map.Entry<String, PathItem> path : document.api().getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
        String method = op.getKey().name();
        String label = method + " " + base + path.getKey();
        List<Parameter> parameters = new ArrayList<>();
        if (path.getValue().getParameters() != null) {
          parameters.addAll(path.getValue().getParameters());
        }
        if (op.getValue().getParameters() != null) {
          parameters.addAll(op.getValue().getParameters());
        }
        try {
          requests.addAll(operation(label, method, base + path.getKey(), op.getValue(), parameters, skipped));
        } catch (Unfillable e) {
          skipped.add("openapi: " + label + " skipped: " + e.getMessage() + "; list it under "
              + "preflight.families.binding.requests by hand");
        }
      }
    }
    return new Generated(List.copyOf(requests), List.copyOf(skipped));
  }

  private static List<GeneratedRequest> operation(String label, String method, String template, Operation op,
      List<Parameter> parameters, List<String> skipped) {
    Set<Integer> declared = declared(op);
    List<Integer> success = declared.stream().filter(code -> code >= 200 && code < 300).toList();
    if (success.isEmpty()) {
      throw new Unfillable("it declares no 2xx response");
    }
    boolean hasPathParameter = parameters.stream().anyMatch(p -> "path".equals(p.getIn()));
    List<Integer> valid = new ArrayList<>(success);
    if (hasPathParameter && declared.contains(404)) {
      valid.add(404); // a fresh id may name nothing yet: the service must still answer it
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Parameter parameter : parameters) {
      String where = parameter.getIn() + " parameter " + parameter.getName();
      switch (parameter.getIn()) {
        case "path", "query" -> {
          if ("path".equals(parameter.getIn()) || Boolean.TRUE.equals(parameter.getRequired())
              || parameter.getExample() != null || parameter.getSchema() != null) {
            values.put(parameter.getIn() + ":" + parameter.getName(), parameterValue(parameter, where));
          }
        }
        case "header", "cookie" -> {
          if (Boolean.TRUE.equals(parameter.getRequired())) {
            throw new Unfillable("the required " + where + " comes from the caller (a token, a session)");
          }
        }
        default -> throw new Unfillable(where + " is in '" + parameter.getIn() + "'");
      }
    }
    Optional<Object> body = body(op, label);
    List<GeneratedRequest> out = new ArrayList<>();
    out.add(new GeneratedRequest("openapi: " + label, method, url(template, values), body.map(OpenApiRequests::json),
        valid));

    List<Integer> bad = declared.stream().filter(BAD_INPUT::contains).toList();
    if (bad.isEmpty()) {
      skipped.add("openapi: " + label + ": no invalid variants: it declares neither 400 nor 422 for bad input");
      return out;
    }
    List<Integer> refused = new ArrayList<>(bad);
    if (hasPathParameter && declared.contains(404)) {
      refused.add(404); // a service may look the fresh id up before it reads the body
    }
    for (Parameter parameter : parameters) {
      String key = parameter.getIn() + ":" + parameter.getName();
      if (values.containsKey(key) && parameter.getSchema() != null
          && Set.of("integer", "number").contains(SchemaValues.type(parameter.getSchema()))) {
        Map<String, String> wrong = new LinkedHashMap<>(values);
        wrong.put(key, "not-a-number");
        out.add(new GeneratedRequest("openapi: " + label + " (" + parameter.getName() + " not a number)", method,
            url(template, wrong), body.map(OpenApiRequests::json), bad));
      }
    }
    if (body.isPresent()) {
      String validBody = json(body.get());
      out.add(new GeneratedRequest("openapi: " + label + " (malformed body)", method, url(template, values),
          Optional.of(validBody.substring(0, Math.max(1, validBody.length() / 2))), refused));
      if (body.get() instanceof Map<?, ?> object) {
        Schema<?> schema = jsonSchema(op).orElseThrow();
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        if (!required.isEmpty() && object.containsKey(required.get(0))) {
          Map<Object, Object> missing = new LinkedHashMap<>(object);
          missing.remove(required.get(0));
          out.add(new GeneratedRequest("openapi: " + label + " (missing required field " + required.get(0) + ")",
              method, url(template, values), Optional.of(json(missing)), refused));
        }
        wrongType(object).ifPresent(field -> {
          Map<Object, Object> wrong = new LinkedHashMap<>(object);
          Object was = wrong.get(field);
          wrong.put(field, was instanceof String ? (Object) 12345 : "not-a-" + kind(was));
          out.add(new GeneratedRequest("openapi: " + label + " (field " + field + " of the wrong type)", method,
              url(template, values), Optional.of(json(wrong)), refused));
        });
      }
    }
    return out;
  }

  private static Set<Integer> declared(Operation op) {
    Set<Integer> codes = new TreeSet<>();
    if (op.getResponses() != null) {
      for (String code : op.getResponses().keySet()) {
        if (code.matches("[1-5][0-9][0-9]")) {
          codes.add(Integer.parseInt(code));
        }
      }
    }
    return codes;
  }

  /**
   * A parameter's value: its example, enum or default; else a fresh {@code #{seq}} where any value of its
   * type will do (new ids, new search terms), else the smallest value its bounds allow.
   */
  private static String parameterValue(Parameter parameter, String where) {
    if (parameter.getExample() != null) {
      return String.valueOf(parameter.getExample());
    }
    Schema<?> schema = parameter.getSchema();
    if (schema == null) {
      throw new Unfillable(where + " has no schema");
    }
    if (schema.getExample() == null && (schema.getEnum() == null || schema.getEnum().isEmpty())
        && schema.getDefault() == null) {
      String type = SchemaValues.type(schema);
      boolean bounded = schema.getMaximum() != null || schema.getMinLength() != null || schema.getMaxLength() != null
          || schema.getPattern() != null || schema.getFormat() != null;
      if (!bounded && (type.equals("integer") || type.equals("number"))) {
        return "#{seq}";
      }
      if (!bounded && type.equals("string")) {
        return "p#{seq}";
      }
    }
    Object value = SchemaValues.valueOf(schema, where);
    if (value instanceof Map || value instanceof List) {
      throw new Unfillable(where + " is an object or array, which has no one way to be written in a URL");
    }
    return String.valueOf(value);
  }

  private static Optional<Schema<?>> jsonSchema(Operation op) {
    if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
      return Optional.empty();
    }
    MediaType json = op.getRequestBody().getContent().get("application/json");
    return json == null ? Optional.empty() : Optional.ofNullable(json.getSchema());
  }

  private static Optional<Object> body(Operation op, String label) {
    if (op.getRequestBody() == null || op.getRequestBody().getContent() == null
        || op.getRequestBody().getContent().isEmpty()) {
      return Optional.empty();
    }
    MediaType json = op.getRequestBody().getContent().get("application/json");
    if (json == null) {
      throw new Unfillable("its body is " + String.join(" or ", op.getRequestBody().getContent().keySet())
          + ", not application/json");
    }
    if (json.getExample() != null) {
      return Optional.of(new ObjectMapper().convertValue(json.getExample(), Object.class));
    }
    return Optional.of(SchemaValues.valueOf(json.getSchema(), "the body"));
  }

  /** The first field whose value can be swapped for one of another JSON type. */
  private static Optional<Object> wrongType(Map<?, ?> object) {
    for (Map.Entry<?, ?> entry : object.entrySet()) {
      Object value = entry.getValue();
      if (value instanceof Number || value instanceof Boolean || value instanceof String) {
        return Optional.of(entry.getKey());
      }
    }
    return Optional.empty();
  }

  private static String kind(Object value) {
    return value instanceof Number ? "number" : value instanceof Boolean ? "boolean" : "list";
  }

  private static String url(String template, Map<String, String> values) {
    java.util.regex.Matcher placeholder = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
    while (placeholder.find()) {
      if (!values.containsKey("path:" + placeholder.group(1))) {
        throw new Unfillable("the path " + template + " has the parameter {" + placeholder.group(1)
            + "}, which the document does not describe");
      }
    }
    String path = template;
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, String> value : values.entrySet()) {
      String[] where = value.getKey().split(":", 2);
      if (where[0].equals("path")) {
        path = path.replace("{" + where[1] + "}", encode(value.getValue()));
      } else {
        query.append(query.length() == 0 ? '?' : '&').append(encode(where[1])).append('=').append(encode(value.getValue()));
      }
    }
    return path + query;
  }

  /** URL-encodes, but keeps Gatling's {@code #{seq}} for Gatling to fill. */
  private static String encode(String value) {
    String[] parts = value.split("#\\{seq}", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      out.append(java.net.URLEncoder.encode(parts[i], java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
      if (i < parts.length - 1) {
        out.append("#{seq}");
      }
    }
    return out.toString();
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new Unfillable("its body cannot be written as JSON: " + e.getOriginalMessage());
    }
  }
}
