package io.ginpreflight.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;

/**
 * The one JSON mapper of every file the project writes (memory.json, samples.jsonl), so every writer
 * agrees on instants, ISO-8601 strings ({@code 2026-11-28T04:47:24.123Z}), and whole numbers, written without
 * a decimal point.
 */
public final class Json {

  /**
   * Gatling does not bring jackson-datatype-jsr310, and two small functions are cheaper than a new
   * dependency whose version must then follow Gatling's Jackson.
   */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new SimpleModule("instants")
          .addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
              gen.writeString(value.toString());
            }
          })
          .addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
              return Instant.parse(parser.getValueAsString());
            }
          })
          // A limit of 4 MiB is 4194304, not 4194304.0; a large one not 6.7108864E7.
          .addSerializer(Double.class, WholeNumbers.INSTANCE)
          .addSerializer(Double.TYPE, WholeNumbers.INSTANCE))
      // A newer writer may add fields (the schema grows by adding); an older reader must still read it.
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      // Likewise a signal, source or profile kind it does not know: read as null, and dropped by the
      // record that holds it (a status it does not know reads as INCONCLUSIVE: never a pass).
      .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  /** Writes a whole double as an integer, any other as a double. */
  private static final class WholeNumbers extends JsonSerializer<Double> {

    static final WholeNumbers INSTANCE = new WholeNumbers();

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      if (value == Math.rint(value) && Math.abs(value) < 1e15) {
        gen.writeNumber(value.longValue());
      } else {
        gen.writeNumber(value);
      }
    }
  }
}
