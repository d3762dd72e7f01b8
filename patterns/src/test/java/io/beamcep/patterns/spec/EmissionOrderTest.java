package io.beamcep.patterns.spec;

import static io.beamcep.patterns.spec.Spec.is;
import static io.beamcep.patterns.yardstick.PatternBuilder.begin;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The order in which matches come out. Within one event, Flink emits matches ordered by the start
 * of the partial match (oldest first); across events, in event order.
 */
class EmissionOrderTest {

  @Test
  void matchesCompletedByOneEventComeOldestStartFirst() {
    Spec.rule(begin("b", is("b")).oneOrMore().next("c", is("c")))
        .events("b1 b2 b3 c4")
        .expectMatchesInOrder("b:b1,b2,b3 c:c4", "b:b2,b3 c:c4", "b:b3 c:c4");
  }

  @Test
  void matchesOfDifferentEventsComeInEventOrder() {
    Spec.rule(begin("a", is("a")).followedBy("b", is("b")).oneOrMore())
        .events("a1 b2 b3")
        .expectMatchesInOrder("a:a1 b:b2", "a:a1 b:b2,b3");
  }

  @Test
  void severalStartsCompletedTogether() {
    Spec.rule(begin("a", is("a")).followedByAny("b", is("b")))
        .events("a1 a2 a3 b4")
        .expectMatchesInOrder("a:a1 b:b4", "a:a2 b:b4", "a:a3 b:b4");
  }

  @Test
  void trailingNegationMatchesComeWhenTimeAdvances() {
    Spec.rule(begin("a", is("a")).notFollowedBy("b", is("b")).within(Duration.ofMillis(5)))
        .events("a1 a3 c20")
        .expectMatchesInOrder("a:a1", "a:a3");
  }
}
