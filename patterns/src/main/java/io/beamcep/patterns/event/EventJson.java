package io.beamcep.patterns.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Writes an event as one JSON object, its fields in arrival order and each value as it is. */
public final class EventJson {
  private EventJson() {}

  /**
   * Streams {@code event} into {@code json}. A BigDecimal keeps its scale (29.950 stays 29.950);
   * nested lists and maps go through the generator's codec, so a generator without one refuses
   * them.
   */
  public static void write(JsonGenerator json, Event event) throws IOException {
    json.writeStartObject();
    for (int i = 0, n = event.fieldCount(); i < n; i++) {
      json.writeFieldName(event.fieldName(i));
      Object value = event.fieldValue(i);
      if (value == null) {
        json.writeNull();
      } else if (value instanceof String text) {
        json.writeString(text);
      } else if (value instanceof Long number) {
        json.writeNumber(number);
      } else if (value instanceof Double number) {
        json.writeNumber(number);
      } else if (value instanceof Integer number) {
        json.writeNumber(number);
      } else if (value instanceof BigDecimal number) {
        json.writeNumber(number);
      } else if (value instanceof BigInteger number) {
        json.writeNumber(number);
      } else if (value instanceof Boolean flag) {
        json.writeBoolean(flag);
      } else {
        json.writeObject(value);
      }
    }
    json.writeEndObject();
  }
}
