package io.beamcep.runners.bench.flinkcep;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.beamcep.patterns.event.Event;
import java.util.Map;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/**
 * A translated rule must survive the trip into a Flink task: its conditions are Java-serialized
 * with the job and compile our condition code again on the other side.
 */
class RulePatternTranslatorTest {
  private static final String VIEW_THEN_VIEW =
      "{\"id\":\"1\",\"version\":1,\"function\":\"f\",\"pattern\":{\"name\":\"end\",\"nodes\":["
          + "{\"name\":\"first\",\"type\":\"ATOMIC\","
          + "\"quantifier\":{\"consumingStrategy\":\"SKIP_TILL_NEXT\",\"properties\":[\"SINGLE\"]},"
          + "\"condition\":{\"type\":\"AVIATOR\",\"expression\":\"eventType == 'view'\"}},"
          + "{\"name\":\"second\",\"type\":\"ATOMIC\","
          + "\"quantifier\":{\"consumingStrategy\":\"SKIP_TILL_NEXT\",\"properties\":[\"SINGLE\"]},"
          + "\"condition\":{\"type\":\"AVIATOR\",\"expression\":\"eventType == 'cart'\"}}],"
          + "\"edges\":[{\"source\":\"first\",\"target\":\"second\",\"type\":\"STRICT\"}],"
          + "\"afterMatchStrategy\":{\"type\":\"SKIP_PAST_LAST_EVENT\"},\"type\":\"COMPOSITE\","
          + "\"quantifier\":{\"consumingStrategy\":\"SKIP_TILL_NEXT\","
          + "\"properties\":[\"SINGLE\"]}}}";

  @Test
  void conditionsStillJudgeEventsAfterJavaSerialization() throws Exception {
    Pattern<Event, ?> last = RulePatternTranslator.translate(VIEW_THEN_VIEW);
    assertThat(last.getName(), equalTo("second"));
    IterativeCondition<Event> shipped = shipped(last.getCondition());
    assertThat(shipped.filter(Event.of(Map.of("eventType", "cart")), null), equalTo(true));
    assertThat(shipped.filter(Event.of(Map.of("eventType", "view")), null), equalTo(false));
    IterativeCondition<Event> first = shipped(last.getPrevious().getCondition());
    assertThat(first.filter(Event.of(Map.of("eventType", "view")), null), equalTo(true));
  }

  /** The condition as a Flink task receives it: Java-serialized and read back. */
  @SuppressWarnings("unchecked")
  private IterativeCondition<Event> shipped(IterativeCondition<?> condition) throws Exception {
    return InstantiationUtil.deserializeObject(
        InstantiationUtil.serializeObject(condition), getClass().getClassLoader());
  }
}
