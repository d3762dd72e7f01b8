package io.beamcep.patterns.spec;

import static io.beamcep.patterns.spec.Spec.is;
import static io.beamcep.patterns.yardstick.PatternBuilder.begin;
import static io.beamcep.patterns.yardstick.PatternBuilder.beginGroup;

import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.yardstick.PatternBuilder;
import org.junit.jupiter.api.Test;

/** Nested graphs as group patterns, with the quantifier applied to the whole group. */
class GroupPatternTest {

  private static PatternBuilder pairXy() {
    return begin("x", is("a")).followedBy("y", is("b"));
  }

  @Test
  void groupRepeatedTwice() {
    Spec.rule(beginGroup("pairs", begin("x", is("a")).next("y", is("b"))).times(2)
            .followedBy("end", is("c")))
        .events("a1 b2 a3 b4 c5")
        .expectMatches("x:a1,a3 y:b2,b4 end:c5");
  }

  @Test
  void groupOneOrMore() {
    Spec.rule(
            begin("s", is("s"))
                .group(EdgeType.SKIP_TILL_NEXT, "pairs", pairXy())
                .oneOrMore()
                .followedBy("end", is("c")))
        .events("s1 a2 b3 a4 b5 c6")
        .expectMatches("s:s1 x:a2 y:b3 end:c6", "s:s1 x:a2,a4 y:b3,b5 end:c6");
  }

  @Test
  void optionalGroup() {
    Spec.rule(
            begin("s", is("s"))
                .group(EdgeType.SKIP_TILL_NEXT, "pair", begin("x", is("a")).next("y", is("b")))
                .optional()
                .followedBy("end", is("c")))
        .events("s1 a2 b3 c4")
        .expectMatches("s:s1 end:c4", "s:s1 x:a2 y:b3 end:c4");
  }

  @Test
  void strictGroupNeedsAdjacentEvents() {
    Spec.rule(
            begin("s", is("s"))
                .group(EdgeType.STRICT, "pair", begin("x", is("a")).next("y", is("b")))
                .next("end", is("c")))
        .events("s1 a2 b3 c4 s5 x6 a7 b8 c9")
        .expectMatches("s:s1 x:a2 y:b3 end:c4");
  }

  @Test
  void groupWithLoopInside() {
    Spec.rule(
            begin("s", is("s"))
                .group(
                    EdgeType.SKIP_TILL_NEXT,
                    "run",
                    begin("x", is("a")).oneOrMore().consecutive().next("y", is("b")))
                .followedBy("end", is("c")))
        .events("s1 a2 a3 b4 c5")
        .expectMatches("s:s1 x:a2,a3 y:b4 end:c5");
  }

  @Test
  void groupRangeTimes() {
    Spec.rule(
            begin("s", is("s"))
                .group(EdgeType.SKIP_TILL_NEXT, "pairs", pairXy())
                .times(1, 2)
                .followedBy("end", is("c")))
        .events("s1 a2 b3 a4 b5 c6")
        .expectMatches("s:s1 x:a2 y:b3 end:c6", "s:s1 x:a2,a4 y:b3,b5 end:c6");
  }
}
