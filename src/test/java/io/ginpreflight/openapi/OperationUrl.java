package io.ginpreflight.openapi;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URL of one operation with its parameters filled: each parameter's example, enum or default; else a
 * fresh {@code #{seq}} where any value of its type will do (new ids, new search terms), else the smallest
 * value its bounds allow. Values are keyed {@code in:name} ({@code path:id}, {@code query:limit}).
 */
final class OperationUrl {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

  private OperationUrl() {}

  /** The value of every path parameter and of each query parameter the document describes well enough. */
  static Map<String, String> values(List<Parameter> parameters) {
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
    return values;
  }

  /** Whether a path parameter got a fresh value: it may name nothing the service has. */
  static boolean freshPathValue(Map<String, String> values) {
    return values.entrySet().stream().anyMatch(e -> e.getKey().startsWith("path:") && e.getValue().contains("#{seq}"));
  }

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

  static String url(String template, Map<String, String> values) {
    Matcher placeholder = PLACEHOLDER.matcher(template);
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
      out.append(URLEncoder.encode(parts[i], StandardCharsets.UTF_8).replace("+", "%20"));
      if (i < parts.length - 1) {
        out.append("#{seq}");
      }
    }
    return out.toString();
  }
}
