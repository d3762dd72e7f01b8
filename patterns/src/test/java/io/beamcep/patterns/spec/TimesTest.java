package io.beamcep.patterns.spec;

import static io.beamcep.patterns.spec.Spec.is;
import static io.beamcep.patterns.yardstick.PatternBuilder.begin;

import org.junit.jupiter.api.Test;

/** times(n) and times(from, to), with the three inner contiguities. */
class TimesTest {

  @Test
  void timesTwoRelaxedPairsEachEventWithItsNextMatch() {
    Spec.rule(begin("a", is("a")).times(2).followedBy("c", is("c")))
        .events("a1 a2 a3 c4")
        .expectMatches("a:a1,a2 c:c4", "a:a2,a3 c:c4");
  }

  @Test
  void timesTwoConsecutiveNeedsAdjacentRepetitions() {
    Spec.rule(begin("a", is("a")).times(2).consecutive().followedBy("c", is("c")))
        .events("a1 x2 a3 a4 c5")
        .expectMatches("a:a3,a4 c:c5");
  }

  @Test
  void timesTwoWithCombinationsTriesEveryPair() {
    Spec.rule(begin("a", is("a")).times(2).allowCombinations().followedBy("c", is("c")))
        .events("a1 a2 a3 c4")
        .expectMatches("a:a1,a2 c:c4", "a:a1,a3 c:c4", "a:a2,a3 c:c4");
  }

  @Test
  void tooFewRepetitionsDoNotMatch() {
    Spec.rule(begin("s", is("s")).followedBy("a", is("a")).times(3).followedBy("c", is("c")))
        .events("s1 a2 a3 c4")
        .expectMatches();
  }

  @Test
  void rangeMatchesEveryCountInside() {
    Spec.rule(begin("s", is("s")).followedBy("a", is("a")).times(1, 3).followedBy("c", is("c")))
        .events("s1 a2 a3 c4")
        .expectMatches("s:s1 a:a2 c:c4", "s:s1 a:a2,a3 c:c4");
  }

  @Test
  void rangeStopsAtItsUpperBound() {
    Spec.rule(begin("s", is("s")).followedBy("a", is("a")).times(1, 2).followedBy("c", is("c")))
        .events("s1 a2 a3 a4 c5")
        .expectMatches("s:s1 a:a2 c:c5", "s:s1 a:a2,a3 c:c5");
  }

  @Test
  void timesAsLastStepEmitsWhenCountIsReached() {
    Spec.rule(begin("s", is("s")).next("a", is("a")).times(2))
        .events("s1 a2 a3 a4")
        .expectMatches("s:s1 a:a2,a3");
  }

  @Test
  void strictStepIntoTimesThenRelaxedInside() {
    Spec.rule(begin("s", is("s")).next("a", is("a")).times(2).followedBy("c", is("c")))
        .events("s1 a2 x3 a4 c5")
        .expectMatches("s:s1 a:a2,a4 c:c5");
  }
}
