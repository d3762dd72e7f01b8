package io.beamcep.pipeline.alert;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamcep.patterns.event.Event;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;

class AlertRenderingTest {

  @Test
  void referenceTextIsTheDemoFunctionsStdoutLine() {
    Alert alert = AlertFixtures.firstMatchOfScenario1(AlertFunctions.REFERENCE_DEMO);
    assertThat(
        alert.render(),
        is(
            "A match for Pattern of (id, version): (1, 1) is found. The event sequence: "
                + "first_view: [Event(id=1, eventTime=2020-01-01 00:01:00.0, eventType=view,"
                + " price=1130.02, userId=519698804)]"
                + "second_view: [Event(id=2, eventTime=2020-01-01 00:01:03.0, eventType=view,"
                + " price=29.950, userId=519698804)]"));
  }

  @Test
  void jsonKeepsEventFieldOrderAndNumberTypes() throws Exception {
    Alert alert = AlertFixtures.firstMatchOfScenario1(null);
    String json = alert.render();
    JsonNode root = new ObjectMapper().readTree(json);
    assertThat(root.get("ruleId").asText(), is("1"));
    assertThat(root.get("ruleVersion").asInt(), is(1));
    assertThat(root.get("function").asText(), is(AlertFunctions.JSON));
    assertThat(root.get("kind").asText(), is("MATCH"));
    assertThat(root.get("key").asText(), is("519698804"));
    assertThat(root.get("firstEventTime").asLong(), is(1577836860000L));
    JsonNode second = root.get("events").get("second_view").get(0);
    List<String> names = new ArrayList<>();
    second.fieldNames().forEachRemaining(names::add);
    assertThat(names, is(List.of("id", "eventTime", "eventType", "price", "userId")));
    assertThat(json.contains("\"price\":29.950"), is(true));
    assertThat(json.contains("\"id\":2,"), is(true));
  }

  @Test
  void jsonWritesEveryValueTypeExactlyAsItCameIn() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("z", null);
    nested.put("a", List.of(1L, "two", new BigDecimal("3.10")));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("text", "quote \" and \u00e9 and \n");
    fields.put("long", -9007199254740993L);
    fields.put("int", 7);
    fields.put("double", 0.1);
    fields.put("decimal", new BigDecimal("1.500"));
    fields.put("big", new BigInteger("123456789012345678901234567890"));
    fields.put("flag", false);
    fields.put("nothing", null);
    fields.put("nested", nested);
    Alert alert = new Alert("r", 2, null, "k", Alert.Kind.TIMEOUT, 3L, 1L, 2L,
        Map.of("only", List.of(Event.of(fields))));

    assertThat(AlertJson.toJson(alert), is("{\"ruleId\":\"r\",\"ruleVersion\":2,"
        + "\"function\":\"" + AlertFunctions.JSON + "\",\"key\":\"k\",\"kind\":\"TIMEOUT\","
        + "\"detectedAt\":3,\"firstEventTime\":1,\"lastEventTime\":2,\"events\":{\"only\":[{"
        + "\"text\":\"quote \\\" and \u00e9 and \\n\",\"long\":-9007199254740993,\"int\":7,"
        + "\"double\":0.1,\"decimal\":1.500,\"big\":123456789012345678901234567890,"
        + "\"flag\":false,\"nothing\":null,\"nested\":{\"z\":null,\"a\":[1,\"two\",3.10]}}]}}"));
  }

  @Test
  void coderRoundTripsAlertsExactly() throws Exception {
    Alert alert = AlertFixtures.firstMatchOfScenario1(AlertFunctions.JSON_WITH_TIMEOUTS);
    CoderProperties.coderDecodeEncodeEqual(AlertCoder.of(), alert);
    CoderProperties.coderDeterministic(AlertCoder.of(), alert, alert);
    Alert decoded = org.apache.beam.sdk.util.CoderUtils.clone(AlertCoder.of(), alert);
    assertThat(
        new ArrayList<>(decoded.events().keySet()), is(List.of("first_view", "second_view")));
    assertThat(AlertJson.toJson(decoded), is(AlertJson.toJson(alert)));
  }
}
