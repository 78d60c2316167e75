package io.ginpreflight.openapi;

import java.util.List;
import java.util.OptionalLong;

/**
 * An operation with a multipart/form-data body whose schema names a file field, for the uploads family.
 *
 * @param name e.g. "openapi: POST /v1/documents"
 * @param method HTTP method
 * @param path path and query under the target's base URL (EL)
 * @param field the file field's name, the part every upload is sent in
 * @param statuses the 2xx it declares (plus its 404 when a path parameter gets a fresh value)
 * @param maxBytes the file field's maxLength: the largest file the service takes, when the document says
 * @param badInput the 400 and 422 it declares, for a malformed body and a missing file part; empty: none
 * @param tooLarge whether it declares 413 for a body over its limit
 */
public record GeneratedUpload(String name, String method, String path, String field, List<Integer> statuses,
    OptionalLong maxBytes, List<Integer> badInput, boolean tooLarge) {

  public GeneratedUpload {
    statuses = List.copyOf(statuses);
    badInput = List.copyOf(badInput);
  }
}
