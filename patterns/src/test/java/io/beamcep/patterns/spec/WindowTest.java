package io.beamcep.patterns.spec;

import static io.beamcep.patterns.spec.Spec.is;
import static io.beamcep.patterns.yardstick.PatternBuilder.begin;

import io.beamcep.patterns.model.WindowType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** within(FIRST_AND_LAST | PREVIOUS_AND_CURRENT) and the window time between repetitions. */
class WindowTest {
  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  @Test
  void firstAndLastBoundsTheWholeMatch() {
    Spec.rule(begin("a", is("a")).followedBy("b", is("b")).followedBy("c", is("c")).within(ms(10)))
        .events("a1 b5 c12 a13 b15 c20")
        .expectMatches("a:a13 b:b15 c:c20");
  }

  @Test
  void windowIsExclusiveAtItsEnd() {
    // Flink prunes a partial match once (now - start) >= window: exactly 10 later is too late.
    Spec.rule(begin("a", is("a")).followedBy("b", is("b")).within(ms(10)))
        .events("a1 b11 a20 b29")
        .expectMatches("a:a20 b:b29");
  }

  @Test
  void previousAndCurrentBoundsEachGap() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .followedBy("c", is("c"))
                .within(ms(5), WindowType.PREVIOUS_AND_CURRENT))
        .events("a1 b5 c9")
        .expectMatches("a:a1 b:b5 c:c9");
  }

  @Test
  void previousAndCurrentFailsOnALongLastGap() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .followedBy("c", is("c"))
                .within(ms(5), WindowType.PREVIOUS_AND_CURRENT))
        .events("a1 b2 c8")
        .expectMatches();
  }

  @Test
  void previousAndCurrentOnlyBoundsTheGapBeforeTheLastStep() {
    // Flink wins over the intuitive reading: Flink 1.19 keys a PREVIOUS_AND_CURRENT window by the
    // pattern within() is called on, and the rule's window goes on the last step (as in the
    // reference's GraphSpec.toPattern), so the a -> b gap of 6 is not bounded.
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .followedBy("c", is("c"))
                .within(ms(5), WindowType.PREVIOUS_AND_CURRENT))
        .events("a1 b7 c9")
        .expectMatches("a:a1 b:b7 c:c9");
  }

  @Test
  void loopWindowTimeBoundsTheWaitForTheFirstRepetition() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .timesOrMore(2, ms(3))
                .followedBy("c", is("c")))
        .events("a1 b20 b21 b40 c41")
        .expectMatches()
        .expectTimeouts("a:a1");
  }

  @Test
  void loopWindowTimeDoesNotBoundLaterRepetitions() {
    // Flink wins over its docs ("max time between looping events"): 1.19 checks the window time
    // only while the partial match waits in the first state of the loop, i.e. for the gap from
    // the previous step to the first repetition. Later gaps (b4 -> b8 = 4 > 3) pass.
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .timesOrMore(2, ms(3))
                .followedBy("c", is("c")))
        .events("a1 b2 b4 b8 c9")
        .expectMatches("a:a1 b:b2,b4 c:c9", "a:a1 b:b2,b4,b8 c:c9");
  }

  @Test
  void timesWindowTimeRejectsALongWaitForTheFirstRepetition() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .times(2, 2, ms(3))
                .followedBy("c", is("c")))
        .events("a1 b20 b21 c22")
        .expectMatches();
  }

  @Test
  void timesWindowTimeDoesNotBoundTheGapBetweenRepetitions() {
    // Same Flink 1.19 behaviour as for loops: b2 -> b30 is not checked.
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .times(2, 2, ms(3))
                .followedBy("c", is("c")))
        .events("a1 b2 b30 c31")
        .expectMatches("a:a1 b:b2,b30 c:c31");
  }

  @Test
  void timesWindowTimeAcceptsShortGaps() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .times(2, 2, ms(3))
                .followedBy("c", is("c")))
        .events("a1 b2 b4 c7")
        .expectMatches("a:a1 b:b2,b4 c:c7");
  }

  @Test
  void windowWithLoopPrunesOldRepetitions() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .oneOrMore()
                .followedBy("c", is("c"))
                .within(ms(10)))
        .events("a1 b2 b5 c9 b12 c14")
        .expectMatches("a:a1 b:b2 c:c9", "a:a1 b:b2,b5 c:c9");
  }
}
