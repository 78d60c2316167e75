package io.ginpreflight.openapi;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A valid value for a schema: its example, else its first enum value, else its default, else the
 * smallest value its bounds allow. Objects get every property (required or not); arrays their minimum
 * number of items (at least one). Values are plain Java (maps, lists, strings, numbers, booleans), for
 * Jackson to write as JSON.
 */
final class SchemaValues {

  /** Deeper than this is a recursive schema, not a body anyone sends. */
  private static final int MAX_DEPTH = 8;

  private SchemaValues() {}

  static Object valueOf(Schema<?> schema, String where) {
    return valueOf(schema, where, 0);
  }

  private static Object valueOf(Schema<?> schema, String where, int depth) {
    if (schema == null) {
      throw new Unfillable(where + " has no schema");
    }
    if (depth > MAX_DEPTH) {
      throw new Unfillable(where + " nests deeper than " + MAX_DEPTH + " levels (a recursive schema)");
    }
    if (schema.getExample() != null) {
      return plain(schema.getExample());
    }
    if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
      return plain(schema.getEnum().get(0));
    }
    if (schema.getDefault() != null) {
      return plain(schema.getDefault());
    }
    if (schema instanceof ComposedSchema composed) {
      List<Schema> parts = composed.getAllOf() != null && !composed.getAllOf().isEmpty() ? composed.getAllOf()
          : composed.getOneOf() != null && !composed.getOneOf().isEmpty() ? composed.getOneOf() : composed.getAnyOf();
      if (parts == null || parts.isEmpty()) {
        throw new Unfillable(where + " is a composed schema with no parts");
      }
      return valueOf(parts.get(0), where, depth + 1);
    }
    String type = type(schema);
    switch (type) {
      case "object" -> {
        Map<String, Object> object = new LinkedHashMap<>();
        if (schema.getProperties() != null) {
          for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
            object.put(property.getKey(), valueOf(property.getValue(), where + "." + property.getKey(), depth + 1));
          }
        }
        return object;
      }
      case "array" -> {
        Schema<?> items = schema instanceof ArraySchema array ? array.getItems() : schema.getItems();
        int count = Math.max(1, schema.getMinItems() == null ? 1 : schema.getMinItems());
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          list.add(valueOf(items, where + "[]", depth + 1));
        }
        return list;
      }
      case "integer" -> {
        return schema.getMinimum() != null ? schema.getMinimum().toBigInteger() : 1;
      }
      case "number" -> {
        return schema.getMinimum() != null ? schema.getMinimum() : BigDecimal.ONE;
      }
      case "boolean" -> {
        return true;
      }
      case "string" -> {
        return stringValue(schema, where);
      }
      default -> throw new Unfillable(where + " has type '" + type + "', which has no value the generator can give");
    }
  }

  /** The schema's type; OpenAPI 3.1 keeps it in a set, 3.0 and converted 2.0 in a field. */
  static String type(Schema<?> schema) {
    if (schema.getType() != null) {
      return schema.getType();
    }
    if (schema.getTypes() != null && !schema.getTypes().isEmpty()) {
      return schema.getTypes().stream().filter(t -> !"null".equals(t)).findFirst().orElse("null");
    }
    return schema.getProperties() != null ? "object" : "untyped";
  }

  private static String stringValue(Schema<?> schema, String where) {
    if (schema.getPattern() != null) {
      throw new Unfillable(where + " must match the pattern " + schema.getPattern() + " and has no example");
    }
    String format = schema.getFormat() == null ? "" : schema.getFormat();
    String value = switch (format) {
      case "date-time" -> "2026-01-01T00:00:00Z";
      case "date" -> "2026-01-01";
      case "uuid" -> "00000000-0000-4000-8000-000000000001";
      case "email" -> "preflight@example.com";
      case "uri", "url" -> "https://example.com/preflight";
      case "byte" -> "cHJlZmxpZ2h0";
      default -> "preflight";
    };
    int min = schema.getMinLength() == null ? 0 : schema.getMinLength();
    StringBuilder padded = new StringBuilder(value);
    while (padded.length() < min) {
      padded.append('x');
    }
    if (schema.getMaxLength() != null && padded.length() > schema.getMaxLength()) {
      padded.setLength(schema.getMaxLength());
    }
    return padded.toString();
  }

  /** Examples parsed from JSON arrive as Jackson nodes; give Jackson plain values back. */
  private static Object plain(Object value) {
    if (value instanceof com.fasterxml.jackson.databind.JsonNode node) {
      return new com.fasterxml.jackson.databind.ObjectMapper().convertValue(node, Object.class);
    }
    return value;
  }
}
