package io.beamcep.patterns.engine;

import static io.beamcep.patterns.engine.Rules.chain;
import static io.beamcep.patterns.engine.Rules.compile;
import static io.beamcep.patterns.engine.Rules.node;
import static io.beamcep.patterns.engine.Rules.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.EdgeType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContiguityTest {

  private static List<String> pair(EdgeType type, String events) {
    return run(compile(chain(List.of(node("a", "a"), node("b", "b")), List.of(type),
        Optional.empty(), AfterMatch.noSkip())), events, 100_000);
  }

  @Test
  void nextNeedsTheVeryNextEvent() {
    assertEquals(List.of("a=a2 b=b3"), pair(EdgeType.STRICT, "a1 a2 b3 c4 b5"));
  }

  @Test
  void followedBySkipsNonMatchingEventsAndTakesTheFirstMatch() {
    assertEquals(
        List.of("a=a1 b=b4", "a=a2 b=b4"), pair(EdgeType.SKIP_TILL_NEXT, "a1 a2 c3 b4 b5"));
  }

  @Test
  void followedByAnyBranchesOnEveryLaterMatch() {
    assertEquals(List.of("a=a1 b=b2", "a=a1 b=b3"), pair(EdgeType.SKIP_TILL_ANY, "a1 b2 b3"));
  }

  @Test
  void notNextForbidsTheDirectlyFollowingEvent() {
    List<String> out = run(compile(chain(
        List.of(node("a", "a"), node("n", "x"), node("b", "b")),
        List.of(EdgeType.NOT_NEXT, EdgeType.SKIP_TILL_NEXT), Optional.empty(),
        AfterMatch.noSkip())), "a1 x2 b3 a4 c5 b6", 100_000);
    assertEquals(List.of("a=a4 b=b6"), out);
  }

  @Test
  void notFollowedByInTheMiddleKillsThePartialMatch() {
    List<String> out = run(compile(chain(
        List.of(node("a", "a"), node("n", "x"), node("b", "b")),
        List.of(EdgeType.NOT_FOLLOW, EdgeType.SKIP_TILL_NEXT), Optional.empty(),
        AfterMatch.noSkip())), "a1 c2 x3 b4 a5 c6 b7", 100_000);
    assertEquals(List.of("a=a5 b=b7"), out);
  }
}
