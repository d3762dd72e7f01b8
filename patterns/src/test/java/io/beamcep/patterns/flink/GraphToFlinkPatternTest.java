package io.beamcep.patterns.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.ConditionSpec;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.yardstick.PatternBuilder;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.junit.jupiter.api.Test;

/**
 * The ordinal contract runners rely on: a shipped condition finds its compiled twin again by
 * ordinal, so the same graph must number its conditions the same way on every translation.
 */
class GraphToFlinkPatternTest {

  @Test
  void conditionsAreNumberedInChainOrderAndAgainFromZeroOnEveryTranslation() {
    Graph graph =
        PatternBuilder.begin("a", named("a"))
            .followedBy("b", named("b"))
            .oneOrMore()
            .until("type == 'stop'")
            .followedBy("c", named("c"))
            .build();
    List<String> seen = new ArrayList<>();
    GraphToFlinkPattern translator =
        new GraphToFlinkPattern(
            (spec, path, ordinal) -> {
              seen.add(ordinal + " " + path);
              return new Never();
            });

    Pattern<Event, ?> last = translator.translate(graph);
    List<String> first = List.copyOf(seen);
    seen.clear();
    translator.translate(graph);

    assertEquals("c", last.getName());
    assertEquals(4, first.size(), "a, b, b's until, c: " + first);
    for (int i = 0; i < first.size(); i++) {
      assertEquals(String.valueOf(i), first.get(i).split(" ")[0]);
    }
    assertEquals(first, seen);
    // b's until condition is wrapped right after b's own condition, before c's.
    List<Boolean> isUntil =
        first.stream().map(entry -> entry.endsWith(".quantifier.untilCondition")).toList();
    assertEquals(List.of(false, false, true, false), isUntil);
  }

  private static ConditionSpec named(String type) {
    return new ConditionSpec.Named(type);
  }

  private static final class Never extends IterativeCondition<Event> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(Event event, Context<Event> context) {
      return false;
    }
  }
}
