package io.beamcep.patterns.spec;

import static io.beamcep.patterns.spec.Spec.is;
import static io.beamcep.patterns.yardstick.PatternBuilder.begin;

import org.junit.jupiter.api.Test;

/** optional() and greedy(), alone and on loops. */
class OptionalGreedyTest {

  @Test
  void optionalStepMatchesWithAndWithout() {
    Spec.rule(begin("a", is("a")).followedBy("b", is("b")).optional().followedBy("c", is("c")))
        .events("a1 b2 c3")
        .expectMatches("a:a1 b:b2 c:c3", "a:a1 c:c3");
  }

  @Test
  void absentOptionalStepIsSkipped() {
    Spec.rule(begin("a", is("a")).followedBy("b", is("b")).optional().followedBy("c", is("c")))
        .events("a1 c3")
        .expectMatches("a:a1 c:c3");
  }

  @Test
  void optionalBeginStep() {
    Spec.rule(begin("a", is("a")).optional().followedBy("c", is("c")))
        .events("a1 c2")
        .expectMatches("a:a1 c:c2", "c:c2");
  }

  @Test
  void optionalTimesNeedsAllOrNothing() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .times(2)
                .optional()
                .followedBy("c", is("c")))
        .events("a1 b2 b3 c4")
        .expectMatches("a:a1 b:b2,b3 c:c4", "a:a1 c:c4");
  }

  @Test
  void optionalTimesWithOneRepetitionOnlyMatchesWithout() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .times(2)
                .optional()
                .followedBy("c", is("c")))
        .events("a1 b2 c4")
        .expectMatches("a:a1 c:c4");
  }

  @Test
  void zeroOrMoreLoop() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .oneOrMore()
                .optional()
                .followedBy("c", is("c")))
        .events("a1 b2 b3 c4")
        .expectMatches("a:a1 c:c4", "a:a1 b:b2 c:c4", "a:a1 b:b2,b3 c:c4");
  }

  @Test
  void nonGreedyLoopLetsTheNextStepTakeAnOverlappingEvent() {
    // b and c both accept c events: without greedy, c3 both ends a match and extends the loop.
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", "type == 'b' || type == 'c'")
                .oneOrMore()
                .followedBy("c", is("c")))
        .events("a1 b2 c3 c4")
        .expectMatches("a:a1 b:b2 c:c3", "a:a1 b:b2,c3 c:c4");
  }

  @Test
  void greedyLoopKeepsOverlappingEventsForItself() {
    // Flink: a greedy loop takes every event it can, so the overlapping c events never end it.
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", "type == 'b' || type == 'c'")
                .oneOrMore()
                .greedy()
                .followedBy("c", is("c")))
        .events("a1 b2 c3 c4 d5")
        .expectMatches();
  }

  @Test
  void greedyLoopEndsAtTheFirstEventOnlyTheNextStepAccepts() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", "type == 'b' || type == 'c'")
                .oneOrMore()
                .greedy()
                .followedBy("d", "type == 'd' || type == 'c'"))
        .events("a1 b2 b3 d4")
        .expectMatches("a:a1 b:b2,b3 d:d4");
  }

  @Test
  void greedyTimesRange() {
    Spec.rule(
            begin("a", is("a"))
                .next("b", is("b"))
                .times(1, 3)
                .greedy()
                .followedBy("c", is("c")))
        .events("a1 b2 b3 c4")
        .expectMatches("a:a1 b:b2,b3 c:c4");
  }
}
