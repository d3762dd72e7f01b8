package io.beamcep.patterns.spec;

import static io.beamcep.patterns.spec.Spec.is;
import static io.beamcep.patterns.yardstick.PatternBuilder.begin;

import org.junit.jupiter.api.Test;

/** oneOrMore, timesOrMore, consecutive, allowCombinations and until. */
class LoopingTest {

  @Test
  void relaxedLoopSkipsNonMatchingEvents() {
    // Flink docs, "a b+ c" with skip-till-next: every prefix of b2 b4 ends in a match.
    Spec.rule(begin("a", is("a")).followedBy("b", is("b")).oneOrMore().followedBy("c", is("c")))
        .events("a1 b2 x3 b4 c5")
        .expectMatches("a:a1 b:b2 c:c5", "a:a1 b:b2,b4 c:c5");
  }

  @Test
  void consecutiveLoopStopsAtTheFirstGap() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .oneOrMore()
                .consecutive()
                .followedBy("c", is("c")))
        .events("a1 b2 x3 b4 c5")
        .expectMatches("a:a1 b:b2 c:c5");
  }

  @Test
  void combinationsLoopTriesEverySubsequence() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .oneOrMore()
                .allowCombinations()
                .followedBy("c", is("c")))
        .events("a1 b2 b3 b4 c5")
        .expectMatches(
            "a:a1 b:b2 c:c5", "a:a1 b:b2,b3 c:c5", "a:a1 b:b2,b4 c:c5", "a:a1 b:b2,b3,b4 c:c5");
  }

  @Test
  void timesOrMoreNeedsTheMinimum() {
    Spec.rule(
            begin("a", is("a")).followedBy("b", is("b")).timesOrMore(2).followedBy("c", is("c")))
        .events("a1 b2 b3 b4 c5")
        .expectMatches("a:a1 b:b2,b3 c:c5", "a:a1 b:b2,b3,b4 c:c5");
  }

  @Test
  void untilStopsTheLoop() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .oneOrMore()
                .until(is("x"))
                .followedBy("c", is("c")))
        .events("a1 b2 b3 x4 b5 c6")
        .expectMatches("a:a1 b:b2 c:c6", "a:a1 b:b2,b3 c:c6");
  }

  @Test
  void leadingLoopStartsAtEveryMatchingEvent() {
    Spec.rule(begin("a", is("a")).oneOrMore().followedBy("c", is("c")))
        .events("a1 a2 c3")
        .expectMatches("a:a1 c:c3", "a:a1,a2 c:c3", "a:a2 c:c3");
  }

  @Test
  void trailingLoopEmitsOneMatchPerRepetition() {
    Spec.rule(begin("a", is("a")).followedBy("b", is("b")).oneOrMore())
        .events("a1 b2 x3 b4")
        .expectMatches("a:a1 b:b2", "a:a1 b:b2,b4");
  }

  @Test
  void loopBetweenStrictSteps() {
    Spec.rule(begin("a", is("a")).next("b", is("b")).oneOrMore().next("c", is("c")))
        .events("a1 b2 b3 c4 a5 b6 x7 c8")
        .expectMatches("a:a1 b:b2,b3 c:c4");
  }

  @Test
  void untilWithConsecutiveLoop() {
    Spec.rule(
            begin("a", is("a"))
                .next("b", "type == 'b' || type == 'x'")
                .oneOrMore()
                .consecutive()
                .until(is("x"))
                .followedBy("c", is("c")))
        .events("a1 b2 x3 b4 c5")
        .expectMatches("a:a1 b:b2 c:c5");
  }
}
