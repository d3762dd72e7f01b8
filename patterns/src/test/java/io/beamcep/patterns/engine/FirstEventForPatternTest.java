package io.beamcep.patterns.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.Condition;
import io.beamcep.patterns.condition.MatchContext;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.ConditionSpec;
import io.beamcep.patterns.model.Contiguity;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.QuantifierProperty;
import io.beamcep.patterns.model.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link MatchContext#firstEventForPattern}, which the engine answers from the partial match's path
 * without a list, gives what the first of {@link MatchContext#eventsForPattern} gives.
 */
class FirstEventForPatternTest {

  /**
   * Pattern: a{1,} (skip till next) followedBy b, where b must come at least three ids after the
   * first a of its partial match. Events: a1 a2 a3 b4 b5 b6. Every test of b's condition records
   * what both methods answer, for the loop's name, for b's (nothing taken yet) and for a name the
   * rule does not have.
   */
  @Test
  void theFirstEventIsTheOldestTheNodeTook() {
    List<List<String>> asked = new ArrayList<>();
    Condition bAfterFirstA = (event, context) -> {
      Event first = context.firstEventForPattern("a");
      asked.add(List.of(
          describe(first),
          describe(context.eventsForPattern("a").get(0)),
          String.valueOf(context.firstEventForPattern("b")),
          String.valueOf(context.firstEventForPattern("nothing"))));
      return "b".equals(event.get("type"))
          && (Long) event.get("id") - (Long) first.get("id") >= 3;
    };
    CompiledRule rule = compile(bAfterFirstA);

    assertEquals(
        List.of("a=a1,a2,a3 b=b4", "a=a1 b=b4", "a=a1,a2 b=b4", "a=a2,a3 b=b5", "a=a2 b=b5",
            "a=a3 b=b6"),
        Rules.run(rule, "a1 a2 a3 b4 b5 b6", 100_000L));
    for (List<String> answers : asked) {
      assertEquals(answers.get(1), answers.get(0), "firstEventForPattern vs eventsForPattern");
      assertEquals("null", answers.get(2), "b took nothing yet");
      assertEquals("null", answers.get(3), "no such node");
    }
    assertEquals(List.of("a1", "a2", "a3"),
        asked.stream().map(answers -> answers.get(0)).distinct().sorted().toList());
  }

  @Test
  void theInterfacesOwnAnswerComesFromTheList() {
    Event a1 = Rules.event("a", 1);
    Event a2 = Rules.event("a", 2);
    MatchContext context = new MatchContext() {
      private final Map<String, List<Event>> taken = Map.of("a", List.of(a1, a2));

      @Override
      public List<Event> eventsForPattern(String patternName) {
        return taken.getOrDefault(patternName, List.of());
      }

      @Override
      public long timestamp() {
        return 0;
      }
    };

    assertEquals(a1, context.firstEventForPattern("a"));
    assertNull(context.firstEventForPattern("b"));
  }

  private static String describe(Event event) {
    return event == null ? "null" : event.get("type").toString() + event.get("id");
  }

  private static CompiledRule compile(Condition bCondition) {
    RuleCompiler compiler = RuleCompiler.withResolver((spec, path) -> {
      String wanted = (String) ((ConditionSpec.Named) spec).args().get(0);
      return wanted.equals("b")
          ? bCondition
          : Condition.eventOnly((event, context) -> wanted.equals(event.get("type")));
    });
    return compiler.compile(new Rule("r", 1, Rules.chain(
        List.of(
            Rules.node("a", "a", Rules.q(Contiguity.SKIP_TILL_NEXT, 1, 1,
                QuantifierProperty.LOOPING)),
            Rules.node("b", "b")),
        List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(), AfterMatch.noSkip()), null));
  }
}
