package io.beamcep.patterns.engine;

import static io.beamcep.patterns.engine.Rules.chain;
import static io.beamcep.patterns.engine.Rules.compile;
import static io.beamcep.patterns.engine.Rules.node;
import static io.beamcep.patterns.engine.Rules.q;
import static io.beamcep.patterns.engine.Rules.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.AfterMatchType;
import io.beamcep.patterns.model.Contiguity;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Quantifier;
import io.beamcep.patterns.model.QuantifierProperty;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** times / oneOrMore / optional and inner contiguity, then the after-match skip strategies. */
class QuantifierTest {

  private static List<String> aThenB(Quantifier a, AfterMatch skip, String events) {
    return run(compile(chain(List.of(node("a", "a", a), node("b", "b")),
        List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(), skip)), events, 100_000);
  }

  private static TreeSet<String> set(List<String> matches) {
    return new TreeSet<>(matches);
  }

  @Test
  void timesTakesExactlyThatManyRelaxedRepetitions() {
    assertEquals(set(List.of("a=a1,a2 b=b4", "a=a2,a3 b=b4")),
        set(aThenB(q(Contiguity.SKIP_TILL_NEXT, 2, 2, QuantifierProperty.TIMES),
            AfterMatch.noSkip(), "a1 a2 a3 b4")));
  }

  @Test
  void consecutiveRepetitionsMustBeAdjacent() {
    assertEquals(List.of("a=a3,a4 b=b5"),
        aThenB(q(Contiguity.STRICT, 2, 2, QuantifierProperty.TIMES), AfterMatch.noSkip(),
            "a1 c2 a3 a4 b5"));
  }

  @Test
  void allowCombinationsTriesEverySubsequence() {
    assertEquals(set(List.of("a=a1,a2 b=b4", "a=a1,a3 b=b4", "a=a2,a3 b=b4")),
        set(aThenB(q(Contiguity.SKIP_TILL_ANY, 2, 2, QuantifierProperty.TIMES),
            AfterMatch.noSkip(), "a1 a2 a3 b4")));
  }

  @Test
  void timesRangeEmitsEveryLengthInRange() {
    assertEquals(set(List.of("a=a1 b=b3", "a=a1,a2 b=b3", "a=a2 b=b3")),
        set(aThenB(q(Contiguity.SKIP_TILL_NEXT, 1, 2, QuantifierProperty.TIMES),
            AfterMatch.noSkip(), "a1 a2 b3")));
  }

  @Test
  void oneOrMoreAndTimesOrMore() {
    assertEquals(set(List.of("a=a1 b=b3", "a=a1,a2 b=b3", "a=a2 b=b3")),
        set(aThenB(q(Contiguity.SKIP_TILL_NEXT, 1, 1, QuantifierProperty.LOOPING),
            AfterMatch.noSkip(), "a1 a2 b3")));
    assertEquals(List.of("a=a1,a2 b=b3"),
        aThenB(q(Contiguity.SKIP_TILL_NEXT, 2, 2, QuantifierProperty.LOOPING),
            AfterMatch.noSkip(), "a1 a2 b3"));
  }

  @Test
  void optionalNodeMayBeSkipped() {
    assertEquals(set(List.of("a=a1 b=b2", "b=b2")),
        set(aThenB(Rules.optional(), AfterMatch.noSkip(), "a1 b2")));
  }

  @Test
  void skipPastLastEventKeepsOnlyTheLongestEarliestMatch() {
    assertEquals(List.of("a=a1,a2 b=b3"),
        aThenB(q(Contiguity.SKIP_TILL_NEXT, 1, 1, QuantifierProperty.LOOPING),
            new AfterMatch(AfterMatchType.SKIP_PAST_LAST_EVENT, Optional.empty()), "a1 a2 b3"));
  }

  @Test
  void skipToNextDropsOtherMatchesStartingAtTheSameEvent() {
    assertEquals(List.of("a=a1,a2 b=b3", "a=a2 b=b3"),
        aThenB(q(Contiguity.SKIP_TILL_NEXT, 1, 1, QuantifierProperty.LOOPING),
            new AfterMatch(AfterMatchType.SKIP_TO_NEXT, Optional.empty()), "a1 a2 b3"));
  }

  @Test
  void skipToLastRestartsAtTheLastEventOfTheNamedNode() {
    assertEquals(List.of("a=a1,a2 b=b3", "a=a2 b=b3"),
        aThenB(q(Contiguity.SKIP_TILL_NEXT, 1, 1, QuantifierProperty.LOOPING),
            new AfterMatch(AfterMatchType.SKIP_TO_LAST, Optional.of("a")), "a1 a2 b3"));
  }
}
