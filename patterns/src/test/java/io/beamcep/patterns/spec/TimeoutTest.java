package io.beamcep.patterns.spec;

import static io.beamcep.patterns.spec.Spec.is;
import static io.beamcep.patterns.yardstick.PatternBuilder.begin;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Partial matches whose window closes are returned by advanceTime, with their events. */
class TimeoutTest {
  private static final Duration TEN = Duration.ofMillis(10);

  @Test
  void partialMatchTimesOutWithTheEventsItTook() {
    Spec.rule(begin("a", is("a")).followedBy("b", is("b")).followedBy("c", is("c")).within(TEN))
        .events("a1 b3 a20 c25")
        .expectMatches()
        .expectTimeouts("a:a1 b:b3", "a:a20");
  }

  @Test
  void completedMatchLeavesNoTimeoutBehind() {
    Spec.rule(begin("a", is("a")).followedBy("b", is("b")).within(TEN))
        .events("a1 b2")
        .expectMatches("a:a1 b:b2")
        .expectTimeouts();
  }

  @Test
  void followedByAnyKeepsWaitingAndTimesOut() {
    Spec.rule(begin("a", is("a")).followedByAny("b", is("b")).within(TEN))
        .events("a1 b2")
        .expectMatches("a:a1 b:b2")
        .expectTimeouts("a:a1");
  }

  @Test
  void loopingPartialMatchTimesOut() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .oneOrMore()
                .followedBy("c", is("c"))
                .within(TEN))
        // Both the loop extended by b3 and the branch that stopped at b2 (waiting for c) expire.
        .events("a1 b2 b3")
        .expectMatches()
        .expectTimeouts("a:a1 b:b2", "a:a1 b:b2,b3");
  }

  @Test
  void noWindowMeansNoTimeout() {
    Spec.rule(begin("a", is("a")).followedBy("b", is("b")))
        .events("a1 c500")
        .expectMatches()
        .expectTimeouts();
  }

  @Test
  void previousAndCurrentTimesOutOnTheGap() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .followedBy("c", is("c"))
                .within(
                    Duration.ofMillis(5),
                    io.beamcep.patterns.model.WindowType.PREVIOUS_AND_CURRENT))
        .events("a1 b4 c12")
        .expectMatches()
        .expectTimeouts("a:a1 b:b4");
  }
}
