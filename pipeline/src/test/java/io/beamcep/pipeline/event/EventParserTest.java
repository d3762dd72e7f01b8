package io.beamcep.pipeline.event;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventParserTest {
  private static final String CLICK =
      "{\"id\": 1, \"eventTime\": \"2020-01-01 00:01:00.0\", \"eventType\": \"view\","
          + " \"productId\": \"1005073\", \"price\": 1130.02, \"userId\": \"519698804\"}";

  private static ParsedEvent parse(EventParseConfig config, String json)
      throws EventParseException {
    return new EventParser(config).parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String reason(EventParseConfig config, String json) {
    return assertThrows(EventParseException.class, () -> parse(config, json)).getMessage();
  }

  @Nested
  class Defaults {
    @Test
    void referenceClickIsKeyedByUserIdAndTimedByEventTimeUtc() throws Exception {
      ParsedEvent parsed = parse(EventParseConfig.defaults(), CLICK);
      assertThat(parsed.key(), is("519698804"));
      assertThat(parsed.timestampMillis(), is(1577836860000L));
    }

    @Test
    void fieldsKeepInputOrderAndJsonTypes() throws Exception {
      ParsedEvent parsed = parse(EventParseConfig.defaults(), CLICK);
      assertThat(new ArrayList<>(parsed.event().fields().keySet()),
          is(List.of("id", "eventTime", "eventType", "productId", "price", "userId")));
      assertThat(parsed.event().get("id"), is((Object) 1L));
      assertThat(parsed.event().get("price"), is((Object) 1130.02));
      assertThat(parsed.event().get("productId"), is((Object) "1005073"));
    }
  }

  @Nested
  class Values {
    @Test
    void bigNumbersAreKeptExactly() throws Exception {
      ParsedEvent parsed = parse(EventParseConfig.defaults(),
          "{\"userId\":\"u\",\"eventTime\":\"2020-01-01 00:00:00\","
              + "\"big\":123456789012345678901234567890,"
              + "\"precise\":0.10000000000000000000001,\"max\":9223372036854775807,"
              + "\"ok\":true,\"none\":null,\"nested\":{\"b\":[1,2.5,\"x\"],\"a\":{}}}");
      Map<String, Object> fields = parsed.event().fields();
      assertThat(fields.get("big"), is((Object) new BigInteger("123456789012345678901234567890")));
      assertThat(fields.get("precise"), is((Object) new BigDecimal("0.10000000000000000000001")));
      assertThat(fields.get("max"), is((Object) Long.MAX_VALUE));
      assertThat(fields.get("ok"), is((Object) true));
      assertThat(fields.containsKey("none"), is(true));
      assertThat(fields.get("none"), is((Object) null));
      assertThat(fields.get("nested"), instanceOf(Map.class));
      Map<?, ?> nested = (Map<?, ?>) fields.get("nested");
      assertThat(new ArrayList<>(nested.keySet()), is(List.of("b", "a")));
      assertThat(nested.get("b"), is((Object) List.of(1L, 2.5, "x")));
    }
  }

  @Nested
  class Keys {
    @Test
    void compositeKeyJoinsValuesWithEscapedSeparator() throws Exception {
      EventParseConfig config = EventParseConfig.defaults().withKeyFields("userId", "productId");
      String a = parse(config,
          "{\"userId\":\"a|b\",\"productId\":\"c\",\"eventTime\":\"2020-01-01 00:00:00\"}").key();
      String b = parse(config,
          "{\"userId\":\"a\",\"productId\":\"b|c\",\"eventTime\":\"2020-01-01 00:00:00\"}").key();
      assertThat(a, is("a\\|b|c"));
      assertThat(b, is("a|b\\|c"));
    }

    @Test
    void numericKeyIsRenderedAsText() throws Exception {
      assertThat(parse(EventParseConfig.defaults(),
          "{\"userId\":42,\"eventTime\":\"2020-01-01 00:00:00\"}").key(), is("42"));
    }

    /**
     * Dotted key and time fields reach into the event's objects; a field named with the dots
     * itself comes first; a path through a value that is no object is missing.
     */
    @Test
    void dottedFieldsReachIntoObjects() throws Exception {
      EventParseConfig config = EventParseConfig.defaults().withKeyFields("user.id", "shop")
          .withTimestampField("meta.ts").withTimestampFormat(TimestampFormat.EPOCH_MILLIS);
      String nested = "{\"user\": {\"id\": 7, \"name\": \"a\"}, \"shop\": \"s1\","
          + " \"meta\": {\"ts\": 1577836860000}}";
      ParsedEvent parsed = parse(config, nested);
      assertThat(parsed.key(), is("7|s1"));
      assertThat(parsed.timestampMillis(), is(1577836860000L));
      assertThat(parse(config, "{\"user.id\": \"flat\", \"user\": {\"id\": 7}, \"shop\":"
          + " \"s1\", \"meta.ts\": 5}").key(), is("flat|s1"));
      assertThat(reason(config, "{\"user\": 7, \"shop\": \"s1\", \"meta\": {\"ts\": 1}}"),
          is("missing key field 'user.id'"));
      assertThat(reason(config, "{\"user\": {\"id\": {\"n\": 1}}, \"shop\": \"s1\"}"),
          is("key field 'user.id' must be a string, number or boolean, not an object"));
    }

    @Test
    void missingNullOrStructuredKeyIsRejected() {
      EventParseConfig config = EventParseConfig.defaults();
      assertThat(reason(config, "{\"eventTime\":\"2020-01-01 00:00:00\"}"),
          is("missing key field 'userId'"));
      assertThat(reason(config, "{\"userId\":null,\"eventTime\":\"2020-01-01 00:00:00\"}"),
          is("key field 'userId' is null"));
      assertThat(reason(config, "{\"userId\":[1],\"eventTime\":\"2020-01-01 00:00:00\"}"),
          is("key field 'userId' must be a string, number or boolean, not an array"));
    }
  }

  @Nested
  class Timestamps {
    @Test
    void sqlDateTimeAcceptsZeroToNineFractionDigits() throws Exception {
      EventParseConfig config = EventParseConfig.defaults();
      String base = "{\"userId\":\"u\",\"eventTime\":\"%s\"}";
      assertThat(parse(config, String.format(base, "2020-01-01 00:01:00")).timestampMillis(),
          is(1577836860000L));
      assertThat(parse(config, String.format(base, "2020-01-01 00:01:00.5")).timestampMillis(),
          is(1577836860500L));
      assertThat(
          parse(config, String.format(base, "2020-01-01 00:01:00.123456789")).timestampMillis(),
          is(1577836860123L));
    }

    @Test
    void isoWithOffsetOrWithoutIsUtc() throws Exception {
      EventParseConfig config = EventParseConfig.defaults()
          .withTimestampField("ts").withTimestampFormat(TimestampFormat.ISO_8601);
      assertThat(parse(config, "{\"userId\":\"u\",\"ts\":\"2020-01-01T01:01:00+01:00\"}")
          .timestampMillis(), is(1577836860000L));
      assertThat(parse(config, "{\"userId\":\"u\",\"ts\":\"2020-01-01T00:01:00Z\"}")
          .timestampMillis(), is(1577836860000L));
      assertThat(parse(config, "{\"userId\":\"u\",\"ts\":\"2020-01-01T00:01:00\"}")
          .timestampMillis(), is(1577836860000L));
    }

    @Test
    void epochMillisFromNumberOrDigits() throws Exception {
      EventParseConfig config = EventParseConfig.defaults()
          .withTimestampField("ts").withTimestampFormat(TimestampFormat.EPOCH_MILLIS);
      assertThat(parse(config, "{\"userId\":\"u\",\"ts\":1577836860000}").timestampMillis(),
          is(1577836860000L));
      assertThat(parse(config, "{\"userId\":\"u\",\"ts\":\"1577836860000\"}").timestampMillis(),
          is(1577836860000L));
      assertThat(reason(config, "{\"userId\":\"u\",\"ts\":1.5}"),
          is("field 'ts': cannot parse '1.5' as epoch milliseconds "
              + "(time format EPOCH_SECONDS reads it)"));
    }

    /** A Unix time: whole seconds or a fraction, a number or text; finer than 1 ms cut off. */
    @Test
    void epochSecondsFromNumberOrTextWithOrWithoutAFraction() throws Exception {
      EventParseConfig config = EventParseConfig.defaults()
          .withTimestampField("ts").withTimestampFormat(TimestampFormat.EPOCH_SECONDS);
      assertThat(parse(config, "{\"userId\":\"u\",\"ts\":1577836860}").timestampMillis(),
          is(1577836860000L));
      assertThat(parse(config, "{\"userId\":\"u\",\"ts\":1577836860.2509}")
          .timestampMillis(), is(1577836860250L));
      assertThat(parse(config, "{\"userId\":\"u\",\"ts\":\"1577836860.25\"}")
          .timestampMillis(), is(1577836860250L));
      assertThat(parse(config, "{\"userId\":\"u\",\"ts\":-1.5}").timestampMillis(),
          is(-1500L));
      assertThat(reason(config, "{\"userId\":\"u\",\"ts\":\"soon\"}"),
          is("field 'ts': cannot parse 'soon' as epoch seconds"));
      assertThat(reason(config, "{\"userId\":\"u\",\"ts\":1e300}"),
          is("field 'ts': cannot parse '1E+300' as epoch seconds"));
    }

    /** Processing time, or the Kafka record's timestamp: the event keeps its source's time. */
    @ParameterizedTest
    @EnumSource(value = TimestampFormat.class, names = {"PROCESSING_TIME", "KAFKA_TIMESTAMP"})
    void timesTheSourceGivesLeaveTheTimestampFieldUnread(TimestampFormat format)
        throws Exception {
      EventParseConfig config = EventParseConfig.defaults().withTimestampFormat(format);
      assertThat(parse(config, "{\"userId\":\"u\"}").timestampMillis(),
          is(ParsedEvent.NO_TIMESTAMP));
      assertThat(parse(config, "{\"userId\":\"u\",\"eventTime\":\"not a time\"}")
          .timestampMillis(), is(ParsedEvent.NO_TIMESTAMP));
    }

    @Test
    void badOrMissingTimestampNamesFieldValueAndFormat() {
      EventParseConfig config = EventParseConfig.defaults();
      assertThat(reason(config, "{\"userId\":\"u\",\"eventTime\":\"xx\"}"),
          is("field 'eventTime': cannot parse 'xx' as yyyy-MM-dd HH:mm:ss[.S]"));
      assertThat(reason(config, "{\"userId\":\"u\",\"eventTime\":\"2020-02-30 00:00:00\"}"),
          is("field 'eventTime': cannot parse '2020-02-30 00:00:00' as yyyy-MM-dd HH:mm:ss[.S]"));
      assertThat(reason(config, "{\"userId\":\"u\",\"eventTime\":1577836860000}"),
          is("field 'eventTime': cannot parse '1577836860000' as yyyy-MM-dd HH:mm:ss[.S] "
              + "(time format EPOCH_MILLIS or EPOCH_SECONDS reads it)"));
      assertThat(reason(config, "{\"userId\":\"u\"}"), is("missing timestamp field 'eventTime'"));
    }

    /**
     * Times written in another format than the one configured: ISO-8601 read as the reference's
     * default, and the reference's format read as ISO-8601. Expected: the reason names the format
     * that reads them, so a stream sent whole to the dead letters says how to read it.
     */
    @Test
    void aTimeInAnotherFormatNamesTheFormatThatReadsIt() {
      assertThat(reason(EventParseConfig.defaults(),
              "{\"userId\":\"u\",\"eventTime\":\"2020-01-01T00:01:00Z\"}"),
          is("field 'eventTime': cannot parse '2020-01-01T00:01:00Z' as yyyy-MM-dd HH:mm:ss[.S] "
              + "(time format ISO_8601 reads it)"));
      assertThat(reason(EventParseConfig.defaults().withTimestampFormat(TimestampFormat.ISO_8601),
              "{\"userId\":\"u\",\"eventTime\":\"2020-01-01 00:01:00.0\"}"),
          is("field 'eventTime': cannot parse '2020-01-01 00:01:00.0' as ISO-8601 date-time "
              + "(time format SQL_DATETIME reads it)"));
    }
  }

  @Nested
  class Malformed {
    @Test
    void syntaxErrorNamesLineAndColumn() {
      assertThat(reason(EventParseConfig.defaults(), "{\"userId\": \"u\",\n \"eventTime\": }"),
          startsWith("not valid JSON at line 2 column 15"));
    }

    @Test
    void recordsNestMaxNestingLevelsCountingTheirOwnObject() throws Exception {
      EventParseConfig config = EventParseConfig.defaults().withKeyFields("userId")
          .withTimestampField("eventTime");
      String deepest = nestedRecord(EventParser.MAX_NESTING - 1);
      assertThat(parse(config, deepest).key(), is("u"));
      assertThat(reason(config, nestedRecord(EventParser.MAX_NESTING)),
          startsWith("nested deeper than 100 levels at line 1 column "));
      // Jackson's own limit is 1,000: a record that deep used to pass it, then overflow a small
      // worker stack while being read
      assertThat(reason(config, nestedRecord(990)),
          startsWith("nested deeper than 100 levels at line 1 column "));
    }

    /** A click whose field {@code n} is {@code arrays} arrays, one in the other, around a 1. */
    private String nestedRecord(int arrays) {
      return "{\"userId\":\"u\",\"eventTime\":\"2020-01-01 00:00:00\",\"n\":"
          + "[".repeat(arrays) + "1" + "]".repeat(arrays) + "}";
    }

    @Test
    void nonObjectsEmptyDuplicateAndTrailingAreRejected() {
      EventParseConfig config = EventParseConfig.defaults();
      assertThat(reason(config, "[1,2]"), is("not a JSON object (found an array)"));
      assertThat(reason(config, "\"text\""), is("not a JSON object (found a string)"));
      assertThat(reason(config, ""), is("empty record: not a JSON object"));
      assertThat(reason(config, "   "), is("blank record: not a JSON object"));
      assertThat(reason(config, "{\"userId\":\"a\",\"userId\":\"b\"}"),
          startsWith("not valid JSON at line 1"));
      assertThat(reason(config, "{\"userId\":\"a\"} {}"), startsWith("not valid JSON"));
    }
  }
}
