package io.beamcep.patterns.yardstick;

import static io.beamcep.patterns.yardstick.EventScript.canonical;
import static io.beamcep.patterns.yardstick.EventScript.events;
import static io.beamcep.patterns.yardstick.EventScript.match;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.patterns.condition.Condition;
import io.beamcep.patterns.model.ConditionSpec;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.WindowType;
import java.time.Duration;
import java.util.List;
import org.apache.flink.cep.pattern.MalformedPatternException;
import org.junit.jupiter.api.Test;

/**
 * The yardstick itself, checked against Flink's documented examples with a stand-in condition
 * compiler ({@code Named("a")} = type is a), so it is trustworthy before our conditions exist.
 */
class FlinkCepHarnessTest {
  private static final FlinkPatternTranslator TRANSLATOR =
      new FlinkPatternTranslator(FlinkCepHarnessTest::typeIs);

  private static Condition typeIs(ConditionSpec spec, String path) {
    if (spec instanceof ConditionSpec.Named named) {
      return (event, context) -> named.className().equals(event.getString("type"));
    }
    if (spec instanceof ConditionSpec.Always) {
      return (event, context) -> true;
    }
    throw new IllegalArgumentException(path + ": the self-test only knows named types");
  }

  private static FlinkCepHarness.Outcome run(PatternBuilder pattern, String events, long end) {
    Graph graph = pattern.build();
    return FlinkCepHarness.run(TRANSLATOR.translate(graph), events(events), end);
  }

  @Test
  void strictContiguityOnlyMatchesAdjacentEvents() {
    PatternBuilder pattern = PatternBuilder.begin("a", named("a")).next("b", named("b"));
    FlinkCepHarness.Outcome outcome = run(pattern, "a1 c2 b3 a4 b5", 10);
    assertEquals(List.of(match("a:a4 b:b5")), canonical(outcome.matches()));
  }

  @Test
  void relaxedLoopWithSkipTillAnyFollowsFlinkDocs() {
    // Flink docs: "a b+ c" over a1 b2 d3 b4 c5 with followedByAny and relaxed loop.
    PatternBuilder pattern =
        PatternBuilder.begin("a", named("a"))
            .followedByAny("b", named("b"))
            .oneOrMore()
            .followedBy("c", named("c"));
    FlinkCepHarness.Outcome outcome = run(pattern, "a1 b2 d3 b4 c5", 10);
    assertEquals(
        List.of(match("a:a1 b:b2,b4 c:c5"), match("a:a1 b:b2 c:c5"), match("a:a1 b:b4 c:c5"))
            .stream().sorted().toList(),
        canonical(outcome.matches()).stream().sorted().toList());
  }

  @Test
  void partialMatchTimesOutWithItsEventsWhenTheWindowCloses() {
    PatternBuilder pattern =
        PatternBuilder.begin("a", named("a"))
            .followedBy("b", named("b"))
            .within(Duration.ofMillis(5), WindowType.FIRST_AND_LAST);
    FlinkCepHarness.Outcome outcome = run(pattern, "a1 c3 b9", 20);
    assertEquals(List.of(), outcome.matches());
    assertEquals(List.of(match("a:a1")), canonical(outcome.timeouts()));
  }

  @Test
  void trailingNotFollowedByMatchesWhenTheWindowEndsClean() {
    PatternBuilder pattern =
        PatternBuilder.begin("a", named("a"))
            .notFollowedBy("b", named("b"))
            .within(Duration.ofMillis(5), WindowType.FIRST_AND_LAST);
    FlinkCepHarness.Outcome outcome = run(pattern, "a1 b3 a10 c12", 30);
    assertEquals(List.of(match("a:a10")), canonical(outcome.matches()));
  }

  @Test
  void groupQuantifierIsApplied() {
    PatternBuilder pair = PatternBuilder.begin("x", named("a")).next("y", named("b"));
    PatternBuilder pattern =
        PatternBuilder.beginGroup("pairs", pair).times(2).followedBy("end", named("c"));
    FlinkCepHarness.Outcome outcome = run(pattern, "a1 b2 a3 b4 c5", 10);
    assertEquals(List.of(match("x:a1,a3 y:b2,b4 end:c5")), canonical(outcome.matches()));
  }

  @Test
  void flinkRefusesGreedyBeforeOptional() {
    // Flink: "Optional pattern cannot be preceded by greedy pattern".
    PatternBuilder pattern =
        PatternBuilder.begin("a", named("a"))
            .oneOrMore()
            .greedy()
            .followedBy("b", named("b"))
            .optional();
    assertThrows(
        MalformedPatternException.class,
        () -> run(pattern, "a1", 10));
  }

  private static ConditionSpec named(String type) {
    return new ConditionSpec.Named(type, List.of());
  }
}
