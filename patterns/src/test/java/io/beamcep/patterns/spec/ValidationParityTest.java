package io.beamcep.patterns.spec;

import static io.beamcep.patterns.spec.Spec.is;
import static io.beamcep.patterns.yardstick.PatternBuilder.begin;

import io.beamcep.patterns.model.AfterMatchType;
import io.beamcep.patterns.model.EdgeType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Patterns Flink CEP refuses are refused by our compiler too, with a RuleException pointing into
 * the pattern. Nodes are listed last-to-first, so in a two-step rule the second step is
 * {@code nodes[0]} and the first is {@code nodes[1]}.
 */
class ValidationParityTest {

  @Test
  void optionalAfterGreedyLoop() {
    Spec.rule(
            begin("a", is("a"))
                .oneOrMore()
                .greedy()
                .followedBy("b", is("b"))
                .optional())
        .expectRefused("nodes[");
  }

  @Test
  void trailingNotFollowedByWithoutWindow() {
    Spec.rule(begin("a", is("a")).notFollowedBy("b", is("b"))).expectRefused("nodes[0]");
  }

  @Test
  void notFollowedByAfterOptional() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .optional()
                .notFollowedBy("x", is("x"))
                .followedBy("c", is("c")))
        .expectRefused("nodes[");
  }

  @Test
  void notNextAfterOptional() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .optional()
                .notNext("x", is("x"))
                .followedBy("c", is("c")))
        .expectRefused("nodes[");
  }

  @Test
  void untilOnASingleStep() {
    Spec.rule(begin("a", is("a")).followedBy("b", is("b")).until(is("x")))
        .expectRefused("nodes[0]");
  }

  @Test
  void loopingNegation() {
    Spec.rule(
            begin("a", is("a"))
                .notFollowedBy("x", is("x"))
                .oneOrMore()
                .followedBy("c", is("c")))
        .expectRefused("nodes[1]");
  }

  @Test
  void optionalNegation() {
    Spec.rule(begin("a", is("a")).notNext("x", is("x")).optional().followedBy("c", is("c")))
        .expectRefused("nodes[1]");
  }

  @Test
  void greedyOnASingleStep() {
    Spec.rule(begin("a", is("a")).followedBy("b", is("b")).greedy()).expectRefused("nodes[0]");
  }

  @Test
  void skipStrategyNamingAnUnknownPattern() {
    Spec.rule(
            begin("a", is("a"))
                .followedBy("b", is("b"))
                .afterMatch(AfterMatchType.SKIP_TO_FIRST, "nope"))
        .expectRefused("afterMatch");
  }

  @Test
  void duplicateNameAcrossAGroup() {
    Spec.rule(
            begin("a", is("a"))
                .group(EdgeType.SKIP_TILL_NEXT, "g", begin("a", is("b")).next("y", is("c"))))
        .expectRefused("nodes[");
  }

  @Test
  void negatedGroup() {
    Spec.rule(
            begin("a", is("a"))
                .group(EdgeType.NOT_FOLLOW, "g", begin("x", is("b")).next("y", is("c")))
                .followedBy("c", is("c"))
                .within(Duration.ofMillis(5)))
        .expectRefused("nodes[");
  }

  @Test
  void timesRangeUpsideDown() {
    Spec.rule(begin("a", is("a")).times(3, 2).followedBy("b", is("b"))).expectRefused("nodes[1]");
  }

  @Test
  void greedyNegation() {
    Spec.rule(begin("a", is("a")).followedBy("b", is("b")).notNext("x", is("x")).greedy())
        .expectRefused("nodes[0]");
  }
}
