package io.beamcep.patterns.spec;

import static io.beamcep.patterns.spec.Spec.is;
import static io.beamcep.patterns.yardstick.PatternBuilder.begin;

import org.junit.jupiter.api.Test;

/** Contiguity between steps: next (STRICT), followedBy (SKIP_TILL_NEXT), followedByAny. */
class ContiguityTest {

  @Test
  void nextNeedsTheVeryNextEvent() {
    Spec.rule(begin("a", is("a")).next("b", is("b")))
        .events("a1 c2 b3 a4 b5")
        .expectMatches("a:a4 b:b5");
  }

  @Test
  void nextFailsWhenAnythingIsInBetween() {
    Spec.rule(begin("a", is("a")).next("b", is("b"))).events("a1 x2 b3").expectMatches();
  }

  @Test
  void followedBySkipsNonMatchingEventsAndTakesTheFirstMatch() {
    Spec.rule(begin("a", is("a")).followedBy("b", is("b")))
        .events("a1 c2 b3 b4")
        .expectMatches("a:a1 b:b3");
  }

  @Test
  void followedByAnyTakesEveryLaterMatch() {
    Spec.rule(begin("a", is("a")).followedByAny("b", is("b")))
        .events("a1 c2 b3 b4")
        .expectMatches("a:a1 b:b3", "a:a1 b:b4");
  }

  @Test
  void everyStartEventOpensItsOwnPartialMatch() {
    Spec.rule(begin("a", is("a")).followedBy("b", is("b")))
        .events("a1 a2 b3")
        .expectMatches("a:a1 b:b3", "a:a2 b:b3");
  }

  @Test
  void mixedContiguitiesApplyPerStep() {
    Spec.rule(begin("a", is("a")).next("b", is("b")).followedBy("c", is("c")))
        .events("a1 b2 x3 c4 a5 x6 b7 c8")
        .expectMatches("a:a1 b:b2 c:c4");
  }

  @Test
  void followedByAnyAfterNextBranchesOnlyOnTheLastStep() {
    Spec.rule(begin("a", is("a")).next("b", is("b")).followedByAny("c", is("c")))
        .events("a1 b2 c3 x4 c5")
        .expectMatches("a:a1 b:b2 c:c3", "a:a1 b:b2 c:c5");
  }

  @Test
  void anEventCanServeSeveralPartialMatches() {
    Spec.rule(begin("a", is("a")).followedByAny("b", is("b")).followedBy("c", is("c")))
        .events("a1 b2 b3 c4")
        .expectMatches("a:a1 b:b2 c:c4", "a:a1 b:b3 c:c4");
  }
}
