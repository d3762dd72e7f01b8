package io.beamcep.patterns.spec;

import static io.beamcep.patterns.spec.Spec.is;
import static io.beamcep.patterns.yardstick.PatternBuilder.begin;

import io.beamcep.patterns.model.AfterMatchType;
import java.time.Duration;
import io.beamcep.patterns.yardstick.PatternBuilder;
import org.junit.jupiter.api.Test;

/**
 * The five after-match skip strategies on the Flink docs' example: pattern {@code b+ c} (strict
 * before c) over {@code b1 b2 b3 c4}.
 */
class AfterMatchSkipTest {
  private static final String STREAM = "b1 b2 b3 c4";

  private static PatternBuilder bsThenC() {
    return begin("b", is("b")).oneOrMore().next("c", is("c"));
  }

  @Test
  void noSkipKeepsEveryMatch() {
    Spec.rule(bsThenC().afterMatch(AfterMatchType.NO_SKIP))
        .events(STREAM)
        .expectMatches("b:b1,b2,b3 c:c4", "b:b2,b3 c:c4", "b:b3 c:c4");
  }

  @Test
  void skipToNextDropsOnlyMatchesStartingAtTheSameEvent() {
    Spec.rule(bsThenC().afterMatch(AfterMatchType.SKIP_TO_NEXT))
        .events(STREAM)
        .expectMatches("b:b1,b2,b3 c:c4", "b:b2,b3 c:c4", "b:b3 c:c4");
  }

  @Test
  void skipPastLastEventDropsEveryOverlappingMatch() {
    Spec.rule(bsThenC().afterMatch(AfterMatchType.SKIP_PAST_LAST_EVENT))
        .events(STREAM)
        .expectMatches("b:b1,b2,b3 c:c4");
  }

  @Test
  void skipToFirstOfBKeepsOnlyTheOldestMatchHere() {
    // Flink wins over the intuitive reading: with the three matches completed by the same c4,
    // Flink 1.19 emits only b1 b2 b3 c4 under SKIP_TO_FIRST[b] and prunes the other two.
    Spec.rule(bsThenC().afterMatch(AfterMatchType.SKIP_TO_FIRST, "b"))
        .events(STREAM)
        .expectMatches("b:b1,b2,b3 c:c4");
  }

  @Test
  void skipToLastOfBResumesAtTheLastB() {
    Spec.rule(bsThenC().afterMatch(AfterMatchType.SKIP_TO_LAST, "b"))
        .events(STREAM)
        .expectMatches("b:b1,b2,b3 c:c4", "b:b3 c:c4");
  }

  @Test
  void skipToNextDropsPartialMatchesSharingTheStart() {
    // Flink docs: "a b+" over a1 b2 b3 b4 gives only a1 b2 with SKIP_TO_NEXT.
    Spec.rule(begin("a", is("a")).followedBy("b", is("b")).oneOrMore()
            .afterMatch(AfterMatchType.SKIP_TO_NEXT))
        .events("a1 b2 b3 b4")
        .expectMatches("a:a1 b:b2");
  }

  @Test
  void noSkipOnTheSameStreamKeepsGrowing() {
    Spec.rule(begin("a", is("a")).followedBy("b", is("b")).oneOrMore())
        .events("a1 b2 b3 b4")
        .expectMatches("a:a1 b:b2", "a:a1 b:b2,b3", "a:a1 b:b2,b3,b4");
  }

  @Test
  void skipPastLastEventDiscardsPartialMatchesStartedBeforeTheEnd() {
    Spec.rule(begin("a", is("a")).followedBy("b", is("b"))
            .afterMatch(AfterMatchType.SKIP_PAST_LAST_EVENT))
        .events("a1 a2 b3 a4 b5")
        .expectMatches("a:a1 b:b3", "a:a4 b:b5");
  }

  @Test
  void skipToFirstOfALaterStep() {
    Spec.rule(begin("a", is("a")).followedBy("b", is("b")).followedBy("c", is("c"))
            .afterMatch(AfterMatchType.SKIP_TO_FIRST, "b"))
        .events("a1 a2 b3 c4")
        .expectMatches("a:a1 b:b3 c:c4");
  }

  /**
   * The oldest partial match completes with the event, so under SKIP_PAST_LAST_EVENT its match
   * prunes every younger partial match and what the event starts (the engine does not step them):
   * the next match starts after it, and nothing pruned times out later.
   */
  @Test
  void skipPastLastEventAfterTheOldestPartialMatchCompletes() {
    Spec.rule(begin("a", is("a")).followedBy("b", is("a")).times(3)
            .within(Duration.ofMillis(100))
            .afterMatch(AfterMatchType.SKIP_PAST_LAST_EVENT))
        .events("a1 a2 a3 a4 a5 a6 a7 a8 a9 a10")
        .expectMatches("a:a1 b:a2,a3,a4", "a:a5 b:a6,a7,a8")
        .expectTimeouts("a:a9 b:a10", "a:a10");
  }

  /**
   * A match can end before the event that completes it (a trailing notNext proceeds on the event
   * without taking it): then what the event starts is past the match's last event and stays.
   */
  @Test
  void skipPastLastEventKeepsWhatStartsAfterAMatchEndingEarlier() {
    Spec.rule(begin("a", is("a")).notNext("b", is("b"))
            .afterMatch(AfterMatchType.SKIP_PAST_LAST_EVENT))
        .events("a1 a2 a3 x4")
        .expectMatches("a:a1", "a:a2", "a:a3");
  }

  /**
   * The seed's rule 5 in small: a loop ended by a trailing notNext completes with the event after
   * its last one, which prunes every partial match the loop left (each started at or before it)
   * but not the one this event starts.
   */
  @Test
  void skipPastLastEventAfterALoopEndedByTheNextEvent() {
    Spec.rule(begin("a", is("a")).timesOrMore(2).notNext("b", is("b"))
            .afterMatch(AfterMatchType.SKIP_PAST_LAST_EVENT))
        .events("a1 a2 a3 a4 x5 a6 b7")
        .expectMatches("a:a1,a2", "a:a3,a4");
  }
}
