package io.beamcep.pipeline.alert;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
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
