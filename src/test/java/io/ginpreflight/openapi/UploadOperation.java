package io.ginpreflight.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads an operation whose body is multipart/form-data as an upload: its file field (Swagger 2.0's
 * {@code type: file} parameter, OpenAPI 3's {@code format: binary} property; swagger-parser gives both as
 * the latter), its size limit (the field's maxLength) and the statuses it declares.
 */
final class UploadOperation {

  static final String MULTIPART = "multipart/form-data";

  private UploadOperation() {}

  /** The multipart schema of the operation's body, if its body is multipart. */
  static Optional<Schema<?>> multipartSchema(Operation op) {
    if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
      return Optional.empty();
    }
    MediaType multipart = op.getRequestBody().getContent().get(MULTIPART);
    return multipart == null ? Optional.empty() : Optional.of(multipart.getSchema() == null ? new Schema<>()
        : multipart.getSchema());
  }

  static GeneratedUpload read(String label, String method, String path, Schema<?> schema, Set<Integer> declared,
      boolean freshPathValue) {
    Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
    Optional<Map.Entry<String, Schema>> file = properties.entrySet().stream()
        .filter(p -> "binary".equals(p.getValue().getFormat())).findFirst();
    if (file.isEmpty()) {
      throw new Unfillable("its " + MULTIPART + " body has no file field (type file, or a string of format binary)");
    }
    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
    for (String field : required) {
      if (!field.equals(file.get().getKey())) {
        throw new Unfillable("its " + MULTIPART + " body requires the field '" + field + "' beside the file, which "
            + "the uploads family does not send");
      }
    }
    List<Integer> success = declared.stream().filter(code -> code >= 200 && code < 300).toList();
    if (success.isEmpty()) {
      throw new Unfillable("it declares no 2xx response");
    }
    List<Integer> statuses = new ArrayList<>(success);
    if (freshPathValue && declared.contains(404)) {
      statuses.add(404);
    }
    Integer maxLength = file.get().getValue().getMaxLength();
    return new GeneratedUpload("openapi: " + label, method, path, file.get().getKey(), statuses,
        maxLength == null ? OptionalLong.empty() : OptionalLong.of(maxLength),
        declared.stream().filter(code -> code == 400 || code == 422).toList(), declared.contains(413));
  }
}
