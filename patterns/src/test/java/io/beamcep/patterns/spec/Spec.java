package io.beamcep.patterns.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.yardstick.EventScript;
import io.beamcep.patterns.yardstick.FlinkCepHarness;
import io.beamcep.patterns.yardstick.FlinkPatternTranslator;
import io.beamcep.patterns.yardstick.Horizon;
import io.beamcep.patterns.yardstick.OurEngineRunner;
import io.beamcep.patterns.yardstick.PatternBuilder;
import io.beamcep.patterns.yardstick.TimedEvent;
import java.util.Arrays;
import java.util.List;

/**
 * One specification case: rule / events / expected matches. Every expectation is checked three
 * ways: the expectation (written from Flink's documented semantics) against real Flink CEP, and
 * our engine against Flink, matches and timeouts both. Where Flink and the spec text disagree,
 * Flink is right and the spec was fixed (noted at the case).
 */
final class Spec {
  private final Graph pattern;
  private List<TimedEvent> events = List.of();
  private FlinkCepHarness.Outcome flink;
  private FlinkCepHarness.Outcome ours;

  private Spec(Graph pattern) {
    this.pattern = pattern;
  }

  /** The AVIATOR condition "the event's type is {@code type}". */
  static String is(String type) {
    return "type == '" + type + "'";
  }

  static Spec rule(PatternBuilder pattern) {
    return new Spec(pattern.build());
  }

  static Spec rule(Graph pattern) {
    return new Spec(pattern);
  }

  Spec events(String script) {
    return events(EventScript.events(script));
  }

  Spec events(List<TimedEvent> timed) {
    events = List.copyOf(timed);
    flink = null;
    ours = null;
    return this;
  }

  /** The complete matches, in any order; the timeouts must agree between the engines too. */
  Spec expectMatches(String... expected) {
    run();
    assertEquals(sorted(expected), sortedCanonical(flink.matches()), "Flink CEP vs the spec");
    assertEquals(
        sortedCanonical(flink.matches()), sortedCanonical(ours.matches()), "ours vs Flink");
    assertEquals(
        sortedCanonical(flink.timeouts()),
        sortedCanonical(ours.timeouts()),
        "timeouts: ours vs Flink");
    return this;
  }

  /** The complete matches in exactly this emission order (Flink's order is the contract). */
  Spec expectMatchesInOrder(String... expected) {
    run();
    List<String> wanted = Arrays.stream(expected).map(EventScript::match).toList();
    assertEquals(wanted, EventScript.canonical(flink.matches()), "Flink CEP order vs the spec");
    assertEquals(
        EventScript.canonical(flink.matches()),
        EventScript.canonical(ours.matches()),
        "ours vs Flink");
    return this;
  }

  /** The timed-out partial matches with their events, in any order. */
  Spec expectTimeouts(String... expected) {
    run();
    assertEquals(sorted(expected), sortedCanonical(flink.timeouts()), "Flink CEP timeouts vs spec");
    assertEquals(
        sortedCanonical(flink.timeouts()),
        sortedCanonical(ours.timeouts()),
        "timeouts: ours vs Flink");
    return this;
  }

  /**
   * Flink refuses the pattern, and so do we, with a RuleException whose JSON path contains
   * {@code pathFragment} (e.g. {@code "nodes[1]"}).
   */
  void expectRefused(String pathFragment) {
    try {
      FlinkCepHarness.compile(FlinkPatternTranslator.withDefaultConditions().translate(pattern));
      fail("Flink CEP accepted a pattern this spec expects to be refused");
    } catch (RuntimeException flinkRefusal) {
      // Flink's builder and compiler refuse with MalformedPatternException, and for some shapes
      // with UnsupportedOperationException or IllegalArgumentException (Preconditions).
      assertTrue(
          flinkRefusal instanceof org.apache.flink.cep.pattern.MalformedPatternException
              || flinkRefusal instanceof UnsupportedOperationException
              || flinkRefusal.getStackTrace()[0].getClassName().startsWith("org.apache.flink"),
          () -> "not a refusal by Flink: " + flinkRefusal);
    }
    RuleException refused =
        assertThrows(
            RuleException.class,
            () ->
                new RuleCompiler(ConditionRegistry.defaults())
                    .compile(RuleJson.parseRule("spec", 1, RuleJson.toJson(pattern), null)));
    assertTrue(
        refused.jsonPath().startsWith("$.pattern") && refused.jsonPath().contains(pathFragment),
        "error path " + refused.jsonPath() + " should point at " + pathFragment);
  }

  private void run() {
    if (flink == null) {
      long end = Horizon.endOfInput(pattern, events);
      flink =
          FlinkCepHarness.run(
              FlinkPatternTranslator.withDefaultConditions().translate(pattern), events, end);
      // Our side reads the rule back from the reference's JSON, as a user's rule arrives.
      ours = OurEngineRunner.run(throughJson(), events, end).outcome();
    }
  }

  private Graph throughJson() {
    Graph parsed = RuleJson.parseRule("spec", 1, RuleJson.toJson(pattern), null).pattern();
    assertEquals(pattern, parsed, "the rule changed in a JSON round trip");
    return parsed;
  }

  private static List<String> sorted(String... expected) {
    return Arrays.stream(expected).map(EventScript::match).sorted().toList();
  }

  private static List<String> sortedCanonical(
      List<java.util.Map<String, List<io.beamcep.patterns.event.Event>>> matches) {
    return EventScript.canonical(matches).stream().sorted().toList();
  }
}
