package io.beamcep.patterns.spec;

import static io.beamcep.patterns.spec.Spec.is;
import static io.beamcep.patterns.yardstick.PatternBuilder.begin;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.ConditionSpec;
import io.beamcep.patterns.yardstick.PatternBuilder;
import io.beamcep.patterns.yardstick.TimedEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conditions that look at the events a partial match already took (Flink's IterativeCondition):
 * the AVIATOR functions first/last/count/avg over a pattern name, and the demo's InitialCondition.
 */
class IterativeConditionTest {
  /** The reference's condition classes, known to our registry by these names. */
  private static final String DEMO = "com.alibaba.ververica.cep.demo.condition.";

  @Test
  void firstComparesWithTheEventTakenByAnEarlierStep() {
    Spec.rule(
            begin("a", is("a")).followedBy("b", "type == 'b' && price < first('a', 'price')"))
        .events("a1=10 b2=12 b3=8")
        .expectMatches("a:a1 b:b3");
  }

  @Test
  void countBoundsALoop() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", "type == 'b' && count('b') < 2")
                .oneOrMore()
                .followedBy("c", is("c")))
        .events("a1 b2 b3 b4 c5")
        .expectMatches("a:a1 b:b2 c:c5", "a:a1 b:b2,b3 c:c5");
  }

  @Test
  void avgOverTheLoopSoFarExcludesTheCandidate() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", "type == 'b' && (count('b') == 0 || price > avg('b', 'price'))")
                .oneOrMore()
                .followedBy("c", is("c")))
        .events("a1 b2=5 b3=7 b4=6 b5=9 c6")
        .expectMatches("a:a1 b:b2 c:c6", "a:a1 b:b2,b3 c:c6", "a:a1 b:b2,b3,b5 c:c6");
  }

  @Test
  void lastSeesTheNewestRepetition() {
    Spec.rule(
            begin("b", "type == 'b' && (count('b') == 0 || price > last('b', 'price'))")
                .oneOrMore()
                .consecutive()
                .next("c", is("c")))
        .events("b1=1 b2=2 b3=3 c4")
        .expectMatches("b:b1,b2,b3 c:c4", "b:b2,b3 c:c4", "b:b3 c:c4");
  }

  @Test
  void initialConditionTakesACheaperViewOfTheSameProduct() {
    PatternBuilder pattern =
        begin("initial_view", named(DEMO + "FirstViewCondition"))
            .next("cheaper_view", named(DEMO + "InitialCondition"));
    Spec.rule(pattern)
        .events(
            List.of(
                view("v1", 1, "p1", 100),
                view("v2", 2, "p1", 120),
                view("v3", 3, "p1", 90),
                view("v4", 4, "p2", 10)))
        .expectMatches("initial_view:v2 cheaper_view:v3");
  }

  private static ConditionSpec named(String name) {
    return new ConditionSpec.Named(name, List.of());
  }

  private static TimedEvent view(String id, long ts, String product, double price) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", id);
    fields.put("eventType", "view");
    fields.put("productId", product);
    fields.put("price", price);
    return new TimedEvent(Event.of(fields), ts);
  }
}
