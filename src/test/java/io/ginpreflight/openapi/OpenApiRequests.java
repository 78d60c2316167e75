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
 * The requests of an OpenAPI document, each for the family that drives its kind of endpoint. An operation
 * that produces {@code text/event-stream} is an SSE stream (its invalid variants are plain requests); one
 * whose body is multipart/form-data with a file field is an upload; every other one is a binding request:
 * once with valid values (its examples, or values its schema allows), then its invalid variants (a malformed
 * body, a missing required field, a field of the wrong type, a number parameter that is not one), each
 * expecting the 4xx the operation declares for bad input. Path parameters and free-form query strings get
 * fresh values ({@code #{seq}}) so that new keys reach the service, as real traffic does. An operation the
 * generator cannot fill or place is skipped with a line saying which and why.
 */
public final class OpenApiRequests {

  /** The statuses that mean "bad input" in the Gin services we target (binding errors, validation). */
  private static final Set<Integer> BAD_INPUT = Set.of(400, 422);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EVENT_STREAM = "text/event-stream";

  /**
   * What the document gave: plain requests (binding), SSE streams, uploads (in the document's order), and a
   * line for each operation or variant left out.
   */
  public record Generated(List<GeneratedRequest> requests, List<GeneratedStream> streams,
      List<GeneratedUpload> uploads, List<String> skipped) {}

  private OpenApiRequests() {}

  public static Generated from(OpenApiDocument document) {
    List<GeneratedRequest> requests = new ArrayList<>();
    List<GeneratedStream> streams = new ArrayList<>();
    List<GeneratedUpload> uploads = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    String base = document.basePath();
    for (Map.Entry<String, PathItem> path : document.api().getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
        String method = op.getKey().name();
        String label = method + " " + base + path.getKey();
        String template = base + path.getKey();
        List<Parameter> parameters = new ArrayList<>();
        if (path.getValue().getParameters() != null) {
          parameters.addAll(path.getValue().getParameters());
        }
        if (op.getValue().getParameters() != null) {
          parameters.addAll(op.getValue().getParameters());
        }
        String family = "preflight.families.binding.requests";
        try {
          Optional<Schema<?>> multipart = UploadOperation.multipartSchema(op.getValue());
          if (producesEventStream(op.getValue())) {
            family = "preflight.families.long-connections.sse";
            requireOpenable(method, parameters);
            // a stream with no parameter to get wrong needs no line saying it has no invalid variant
            List<GeneratedRequest> variants = operation(label, method, template, op.getValue(), parameters,
                new ArrayList<>());
            streams.add(new GeneratedStream(variants.get(0).name(), variants.get(0).path()));
            requests.addAll(variants.subList(1, variants.size()));
          } else if (multipart.isPresent()) {
            family = "preflight.families.uploads";
            Map<String, String> values = OperationUrl.values(parameters);
            uploads.add(UploadOperation.read(label, method, OperationUrl.url(template, values), multipart.get(),
                declared(op.getValue()), OperationUrl.freshPathValue(values)));
          } else {
            requests.addAll(operation(label, method, template, op.getValue(), parameters, skipped));
          }
        } catch (Unfillable e) {
          skipped.add("openapi: " + label + " skipped: " + e.getMessage() + "; list it under " + family + " by hand");
        }
      }
    }
    return new Generated(List.copyOf(requests), List.copyOf(streams), List.copyOf(uploads), List.copyOf(skipped));
  }

  /** Swagger 2.0's {@code produces}, which swagger-parser gives as the responses' content types. */
  private static boolean producesEventStream(Operation op) {
    return op.getResponses() != null && op.getResponses().entrySet().stream()
        .filter(r -> r.getKey().startsWith("2"))
        .anyMatch(r -> r.getValue().getContent() != null && r.getValue().getContent().containsKey(EVENT_STREAM));
  }

  /** A stream is opened with GET, at a path that names something the service has (no fresh id). */
  private static void requireOpenable(String method, List<Parameter> parameters) {
    if (!"GET".equals(method)) {
      throw new Unfillable("it produces " + EVENT_STREAM + " but is a " + method + ", and SSE clients open streams "
          + "with GET");
    }
    if (OperationUrl.freshPathValue(OperationUrl.values(parameters))) {
      throw new Unfillable("its path parameter has no example, and a fresh value would name no stream (swag: "
          + "add example(...) to its @Param)");
    }
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
    Map<String, String> values = OperationUrl.values(parameters);
    Optional<Object> body = body(op, label);
    List<GeneratedRequest> out = new ArrayList<>();
    out.add(new GeneratedRequest("openapi: " + label, method, OperationUrl.url(template, values), body.map(OpenApiRequests::json),
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
            OperationUrl.url(template, wrong), body.map(OpenApiRequests::json), bad));
      }
    }
    if (body.isPresent()) {
      String validBody = json(body.get());
      out.add(new GeneratedRequest("openapi: " + label + " (malformed body)", method, OperationUrl.url(template, values),
          Optional.of(validBody.substring(0, Math.max(1, validBody.length() / 2))), refused));
      if (body.get() instanceof Map<?, ?> object) {
        Schema<?> schema = jsonSchema(op).orElseThrow();
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        if (!required.isEmpty() && object.containsKey(required.get(0))) {
          Map<Object, Object> missing = new LinkedHashMap<>(object);
          missing.remove(required.get(0));
          out.add(new GeneratedRequest("openapi: " + label + " (missing required field " + required.get(0) + ")",
              method, OperationUrl.url(template, values), Optional.of(json(missing)), refused));
        }
        wrongType(object).ifPresent(field -> {
          Map<Object, Object> wrong = new LinkedHashMap<>(object);
          Object was = wrong.get(field);
          wrong.put(field, was instanceof String ? (Object) 12345 : "not-a-" + kind(was));
          out.add(new GeneratedRequest("openapi: " + label + " (field " + field + " of the wrong type)", method,
              OperationUrl.url(template, values), Optional.of(json(wrong)), refused));
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

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new Unfillable("its body cannot be written as JSON: " + e.getOriginalMessage());
    }
  }
}
