package io.beamcep.pipeline.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.beamcep.patterns.event.Event;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one raw JSON record into a {@link ParsedEvent}, or explains why it cannot. Pure and
 * thread-safe; no Beam types, so every bad-input rule is unit-testable.
 *
 * <p>Values keep their JSON types: integers become {@link Long} ({@link BigInteger} beyond 64
 * bits), decimals become {@link Double} when the double is numerically equal to the text,
 * otherwise {@link BigDecimal}; objects and arrays become ordered maps and lists.
 */
public final class EventParser implements Serializable {
  /**
   * Levels a record may nest, counting its own object. Reading and converting a value recurse once
   * per level, and a worker thread may have far less stack than Jackson's own limit (1,000) needs:
   * with 256 KB, a record nested 500 deep overflowed it, failing the bundle on every retry, where
   * a refused record goes to the dead letters. Rules nest at most as deep (RuleLimits).
   */
  public static final int MAX_NESTING = 100;

  private static final ObjectMapper MAPPER =
      new ObjectMapper(JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
              .build())
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  // The reference's click stream format; 0-9 fraction digits, strict calendar (no 2020-02-30).
  private static final DateTimeFormatter SQL_DATETIME =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT);

  /** The formats that read the time field, in the order a parse error names those that fit. */
  private static final List<TimestampFormat> FIELD_FORMATS = List.of(TimestampFormat.SQL_DATETIME,
      TimestampFormat.ISO_8601, TimestampFormat.EPOCH_MILLIS, TimestampFormat.EPOCH_SECONDS);

  private final EventParseConfig config;

  public EventParser(EventParseConfig config) {
    this.config = config;
  }

  public EventParseConfig config() {
    return config;
  }

  public ParsedEvent parse(byte[] raw) throws EventParseException {
    JsonNode root = readTree(raw);
    if (!root.isObject()) {
      throw new EventParseException("not a JSON object (found " + describe(root) + ")");
    }
    // the top level straight into the event's arrays: no map built only to be copied
    String[] names = new String[root.size()];
    Object[] values = new Object[names.length];
    int i = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); i++) {
      Map.Entry<String, JsonNode> field = it.next();
      names[i] = field.getKey();
      values[i] = toValue(field.getValue());
    }
    Event event = Event.ofFields(names, values);
    String key = key(root);
    long timestamp =
        config.readsTimestampField() ? timestamp(root) : ParsedEvent.NO_TIMESTAMP;
    return new ParsedEvent(key, event, timestamp);
  }

  private static JsonNode readTree(byte[] raw) throws EventParseException {
    if (raw == null || raw.length == 0) {
      throw new EventParseException("empty record: not a JSON object");
    }
    try (JsonParser parser = MAPPER.createParser(raw)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new EventParseException("blank record: not a JSON object");
      }
      try {
        return MAPPER.readTree(parser);
      } catch (StreamConstraintsException e) {
        // the exception carries no location; the parser stands on the bracket that went too deep
        throw new EventParseException("nested deeper than " + MAX_NESTING + " levels"
            + at(parser.currentLocation()));
      }
    } catch (JsonProcessingException e) {
      throw new EventParseException("not valid JSON" + at(e.getLocation()) + ": "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw new EventParseException("cannot read record: " + e.getMessage());
    }
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " at line " + location.getLineNr() + " column " + location.getColumnNr();
  }

  private String key(JsonNode root) throws EventParseException {
    List<String> values = new ArrayList<>(config.keyFields().names().size());
    for (String name : config.keyFields().names()) {
      JsonNode value = field(root, name);
      if (value == null) {
        throw new EventParseException("missing key field '" + name + "'");
      }
      if (value.isNull()) {
        throw new EventParseException("key field '" + name + "' is null");
      }
      if (value.isContainerNode()) {
        throw new EventParseException(
            "key field '" + name + "' must be a string, number or boolean, not "
                + describe(value));
      }
      values.add(value.asText());
    }
    return config.keyFields().encode(values);
  }

  private long timestamp(JsonNode root) throws EventParseException {
    String field = config.timestampField();
    JsonNode value = field(root, field);
    if (value == null) {
      throw new EventParseException("missing timestamp field '" + field + "'");
    }
    TimestampFormat format = config.timestampFormat();
    try {
      return millis(value, format);
    } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
      String text = value.isValueNode() ? value.asText() : value.toString();
      throw new EventParseException("field '" + field + "': cannot parse '" + text + "' as "
          + format.description() + formatsReading(value, format));
    }
  }

  private static long millis(JsonNode value, TimestampFormat format) {
    return switch (format) {
      case EPOCH_MILLIS -> epochMillis(value);
      case EPOCH_SECONDS -> epochSecondsAsMillis(value);
      case ISO_8601 -> isoMillis(requireText(value));
      case SQL_DATETIME ->
          LocalDateTime.parse(requireText(value), SQL_DATETIME)
              .toInstant(ZoneOffset.UTC)
              .toEpochMilli();
      case KAFKA_TIMESTAMP, PROCESSING_TIME ->
          throw new IllegalStateException(format + " reads no field");
    };
  }

  /**
   * The time formats other than {@code failed} that read {@code value}, as a hint for the parse
   * error, or nothing: a stream whose times are ISO-8601 or epoch numbers, read with the
   * reference's default format, otherwise sends every record to the dead letters with a reason
   * that says only what did not work.
   */
  private static String formatsReading(JsonNode value, TimestampFormat failed) {
    List<String> reading = new ArrayList<>();
    for (TimestampFormat other : FIELD_FORMATS) {
      if (other == failed) {
        continue;
      }
      try {
        millis(value, other);
        reading.add(other.name());
      } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
        // not this one either
      }
    }
    return reading.isEmpty() ? ""
        : " (time format " + String.join(" or ", reading) + " reads it)";
  }

  /**
   * The value of field {@code path} of the event: a top-level field of that name, else, for a
   * dotted path ({@code user.id}), the field reached through the event's objects; null when none
   * is there.
   */
  private static JsonNode field(JsonNode root, String path) {
    JsonNode value = root.get(path);
    if (value != null || path.indexOf('.') < 0) {
      return value;
    }
    JsonNode node = root;
    for (String name : path.split("\\.", -1)) {
      if (!node.isObject()) {
        return null;
      }
      node = node.get(name);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  private static String requireText(JsonNode value) {
    if (!value.isTextual()) {
      throw new DateTimeException("not a string");
    }
    return value.textValue();
  }

  private static long epochMillis(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().longValueExact();
    }
    if (value.isTextual() && value.textValue().matches("-?[0-9]{1,19}")) {
      return Long.parseLong(value.textValue());
    }
    throw new NumberFormatException("not an integer");
  }

  private static long epochSecondsAsMillis(JsonNode value) {
    BigDecimal seconds;
    if (value.isNumber()) {
      seconds = value.decimalValue();
    } else if (value.isTextual() && value.textValue().matches("-?[0-9]{1,16}(\\.[0-9]{1,9})?")) {
      seconds = new BigDecimal(value.textValue());
    } else {
      throw new NumberFormatException("not a number of seconds");
    }
    return seconds.movePointRight(3).setScale(0, RoundingMode.FLOOR).longValueExact();
  }

  private static long isoMillis(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_DATE_TIME).toInstant().toEpochMilli();
    } catch (DateTimeException withoutOffset) {
      return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .toInstant(ZoneOffset.UTC)
          .toEpochMilli();
    }
  }

  private static Object toValue(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT:
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          fields.put(field.getKey(), toValue(field.getValue()));
        }
        return Collections.unmodifiableMap(fields);
      case ARRAY:
        List<Object> items = new ArrayList<>(node.size());
        node.forEach(item -> items.add(toValue(item)));
        return Collections.unmodifiableList(items);
      case STRING:
        return node.textValue();
      case BOOLEAN:
        return node.booleanValue();
      case NUMBER:
        return number(node);
      case NULL:
      case MISSING:
        return null;
      default:
        // BINARY / POJO nodes never come out of parsing text.
        return node.asText();
    }
  }

  private static Object number(JsonNode node) {
    if (node.isIntegralNumber()) {
      BigInteger value = node.bigIntegerValue();
      return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }
    BigDecimal exact = node.decimalValue();
    double approx = exact.doubleValue();
    if (Double.isFinite(approx) && new BigDecimal(Double.toString(approx)).compareTo(exact) == 0) {
      return approx;
    }
    return exact;
  }

  private static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  static Instant toInstant(long millis) {
    return Instant.ofEpochMilli(millis);
  }
}
