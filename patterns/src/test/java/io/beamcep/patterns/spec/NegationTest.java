package io.beamcep.patterns.spec;

import static io.beamcep.patterns.spec.Spec.is;
import static io.beamcep.patterns.yardstick.PatternBuilder.begin;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** notNext and notFollowedBy, in the middle and (with a window) at the end. */
class NegationTest {
  private static final Duration FIVE = Duration.ofMillis(5);

  @Test
  void trailingNotNextMatchesWhenTheNextEventIsSomethingElse() {
    Spec.rule(begin("a", is("a")).notNext("b", is("b")))
        .events("a1 b2 a3 c4")
        .expectMatches("a:a3");
  }

  @Test
  void notNextInTheMiddle() {
    Spec.rule(begin("a", is("a")).notNext("b", is("b")).followedBy("c", is("c")))
        .events("a1 b2 c3 a4 x5 c6")
        .expectMatches("a:a4 c:c6");
  }

  @Test
  void notFollowedByInTheMiddleKillsOnAnyLaterMatch() {
    Spec.rule(begin("a", is("a")).notFollowedBy("b", is("b")).followedBy("c", is("c")))
        .events("a1 x2 c3 a4 b5 c6")
        .expectMatches("a:a1 c:c3");
  }

  @Test
  void notFollowedByOnlyGuardsUntilTheNextStepMatches() {
    Spec.rule(begin("a", is("a")).notFollowedBy("b", is("b")).followedBy("c", is("c")))
        .events("a1 c2 b3")
        .expectMatches("a:a1 c:c2");
  }

  @Test
  void trailingNotFollowedByMatchesWhenTheWindowClosesClean() {
    Spec.rule(begin("a", is("a")).notFollowedBy("b", is("b")).within(FIVE))
        .events("a1 b3 a10 c12")
        .expectMatches("a:a10");
  }

  @Test
  void trailingNotFollowedByIgnoresEventsAfterTheWindow() {
    Spec.rule(begin("a", is("a")).notFollowedBy("b", is("b")).within(FIVE))
        .events("a1 b8")
        .expectMatches("a:a1");
  }

  @Test
  void trailingNotFollowedByAfterTwoSteps() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .notFollowedBy("x", is("x"))
                .within(Duration.ofMillis(10)))
        .events("a1 b2 x3 a20 b21 c22")
        .expectMatches("a:a20 b:b21");
  }

  @Test
  void notNextBetweenStrictSteps() {
    Spec.rule(begin("a", is("a")).notNext("x", is("x")).next("c", is("c")))
        .events("a1 c2 a3 x4 c5")
        .expectMatches("a:a1 c:c2");
  }

  @Test
  void notFollowedByBeforeALoop() {
    Spec.rule(
            begin("a", is("a"))
                .notFollowedBy("x", is("x"))
                .followedBy("b", is("b"))
                .oneOrMore()
                .followedBy("c", is("c")))
        .events("a1 b2 x3 b4 c5")
        .expectMatches("a:a1 b:b2 c:c5", "a:a1 b:b2,b4 c:c5");
  }
}
