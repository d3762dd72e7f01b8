package io.beamcep.patterns.engine;

import static io.beamcep.patterns.engine.Rules.chain;
import static io.beamcep.patterns.engine.Rules.compile;
import static io.beamcep.patterns.engine.Rules.event;
import static io.beamcep.patterns.engine.Rules.node;
import static io.beamcep.patterns.engine.Rules.q;
import static io.beamcep.patterns.engine.Rules.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.Contiguity;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.QuantifierProperty;
import io.beamcep.patterns.model.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A matcher made with a limit keeps at most that many started partial matches per rule and key,
 * dropping the oldest (by start event) after each event and counting them. Without a limit, as in
 * Flink CEP, nothing is dropped: a rule whose partial matches multiply then holds millions for one
 * key after a few dozen events.
 */
class PartialMatchLimitTest {
  /** a followedBy b, no window: every a starts a partial match that waits for a b. */
  private static final CompiledRule A_THEN_B = compile(chain(List.of(node("a", "a"),
      node("b", "b")), List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(), AfterMatch.noSkip()));

  @Test
  void theOldestPartialMatchesBeyondTheLimitAreDroppedAndCounted() {
    Matcher limited = Matcher.of(List.of(A_THEN_B), 3);
    KeyState state = KeyState.empty();

    for (int id = 1; id <= 5; id++) {
      assertEquals(List.of(), limited.process(state, event("a", id), id * 1000L));
    }

    assertEquals(3, state.partialMatchCount());
    assertEquals(3, state.bufferedEventCount(), "a1 and a2 are no longer held");
    assertEquals(2, limited.partialMatchesDropped(A_THEN_B.key()));
    assertEquals(List.of("a=a3 b=b6", "a=a4 b=b6", "a=a5 b=b6"),
        render(limited.process(state, event("b", 6), 6000L)));
  }

  @Test
  void aHostTakesEachDropOnceForItsCounter() {
    Matcher limited = Matcher.of(List.of(A_THEN_B), 1);
    KeyState first = KeyState.empty();
    KeyState second = KeyState.empty();

    limited.process(first, event("a", 1), 1000L);
    limited.process(first, event("a", 2), 2000L);
    assertEquals(1, limited.takeUnreportedPartialMatchesDropped(A_THEN_B.key()));
    assertEquals(0, limited.takeUnreportedPartialMatchesDropped(A_THEN_B.key()), "taken already");
    limited.process(second, event("a", 3), 3000L);
    limited.process(second, event("a", 4), 4000L);
    limited.process(first, event("a", 5), 5000L);

    assertEquals(2, limited.takeUnreportedPartialMatchesDropped(A_THEN_B.key()), "a3's and a2's");
    assertEquals(3, limited.partialMatchesDropped(A_THEN_B.key()), "the whole count stays");
  }

  @Test
  void withoutALimitNothingIsDropped() {
    Matcher unlimited = Matcher.of(List.of(A_THEN_B));
    KeyState state = KeyState.empty();
    List<String> matches = new ArrayList<>();

    for (int id = 1; id <= 5; id++) {
      matches.addAll(render(unlimited.process(state, event("a", id), id * 1000L)));
    }
    matches.addAll(render(unlimited.process(state, event("b", 6), 6000L)));

    assertEquals(
        List.of("a=a1 b=b6", "a=a2 b=b6", "a=a3 b=b6", "a=a4 b=b6", "a=a5 b=b6"), matches);
    assertEquals(0, unlimited.partialMatchesDropped(A_THEN_B.key()));
  }

  @Test
  void partialMatchesThatMultiplyStayWithinTheLimit() {
    // a, then b+ with any combination of b's (followedByAny, allowCombinations), no window: each
    // b doubles the partial matches, 2^40 after 40 b's without a limit
    CompiledRule combinations = compile(chain(
        List.of(node("a", "a"), node("b", "b",
            q(Contiguity.SKIP_TILL_ANY, 1, 1, QuantifierProperty.LOOPING))),
        List.of(EdgeType.SKIP_TILL_ANY), Optional.empty(), AfterMatch.noSkip()));
    Matcher limited = Matcher.of(List.of(combinations), 1_000);
    KeyState state = KeyState.empty();

    limited.process(state, event("a", 1), 1000L);
    int most = 0;
    for (int id = 2; id <= 41; id++) {
      limited.process(state, event("b", id), id * 1000L);
      most = Math.max(most, state.partialMatchCount());
    }

    assertEquals(1_000, most);
    assertTrue(limited.partialMatchesDropped(combinations.key()) > 0);
  }

  /**
   * Pattern: a followedBy b, where b must be the event right after its a (b.id = a.id + 1, a
   * condition reading the match), SKIP_PAST_LAST_EVENT, no window. Events: a1 a2 b3 a4 b5 a6 b7.
   * a1's partial match never ends, and the skip strategy holds back every later match until it
   * does (Flink CEP: for ever). With a limit of 3 the held matches count: at a6 two are held and
   * two partial matches started, so a1's is dropped and the held a2 b3 and a4 b5 are emitted; a6
   * b7 then leaves at once.
   */
  @Test
  void matchesHeldBackByTheSkipStrategyCountTowardTheLimit() {
    CompiledRule rule = bRightAfterItsA();
    Matcher limited = Matcher.of(List.of(rule), 3);
    KeyState state = KeyState.empty();
    List<String> emittedBeforeA6 = new ArrayList<>();
    for (String token : List.of("a1", "a2", "b3", "a4", "b5")) {
      emittedBeforeA6.addAll(process(limited, state, token));
    }

    assertEquals(List.of(), emittedBeforeA6, "held back by a1's partial match");
    assertEquals(List.of("a=a2 b=b3", "a=a4 b=b5"), process(limited, state, "a6"));
    assertEquals(1, limited.partialMatchesDropped(rule.key()), "a1's");
    assertEquals(List.of("a=a6 b=b7"), process(limited, state, "b7"));
    assertEquals(0, state.partialMatchCount());
  }

  /** Same rule and events without a limit: every match is held, as Flink CEP holds them. */
  @Test
  void withoutALimitHeldMatchesWaitForTheEarliestPartialMatch() {
    CompiledRule rule = bRightAfterItsA();
    Matcher unlimited = Matcher.of(List.of(rule));
    KeyState state = KeyState.empty();
    List<String> emitted = new ArrayList<>();
    for (String token : List.of("a1", "a2", "b3", "a4", "b5", "a6", "b7")) {
      emitted.addAll(process(unlimited, state, token));
    }

    assertEquals(List.of(), emitted);
    assertEquals(4, state.partialMatchCount(), "a1's partial match and three held matches");
  }

  /**
   * The held matches and a1's partial match, made by a matcher of that rule alone, carry over to
   * a refreshed rule set in which another rule sorts first (so the key's state for the rule moves
   * to another place), both as held and after a round trip through bytes: a6 then goes as in the
   * limited run above.
   */
  @Test
  void heldMatchesCarryOverToARuleSetInWhichTheirRuleMoves() {
    Matcher alone = Matcher.of(List.of(bRightAfterItsA()));
    KeyState state = KeyState.empty();
    for (String token : List.of("a1", "a2", "b3", "a4", "b5")) {
      assertEquals(List.of(), process(alone, state, token));
    }
    KeyState decoded = KeyState.fromBytes(state.toBytes());
    CompiledRule sortsFirst = Rules.COMPILER.compile(new Rule("another", 1,
        chain(List.of(node("x", "x"), node("y", "y")), List.of(EdgeType.SKIP_TILL_NEXT),
            Optional.empty(), AfterMatch.noSkip()), null));
    Matcher refreshed = Matcher.of(List.of(bRightAfterItsA(), sortsFirst), 3);

    for (KeyState key : List.of(state, decoded)) {
      assertEquals(3, key.partialMatchCount(), "a1's partial match and two held matches");
      assertEquals(List.of("a=a2 b=b3", "a=a4 b=b5"), process(refreshed, key, "a6"));
      assertEquals(List.of("a=a6 b=b7"), process(refreshed, key, "b7"));
      assertEquals(0, key.partialMatchCount());
    }
  }

  private static CompiledRule bRightAfterItsA() {
    return Rules.bRightAfterItsA(Optional.empty());
  }

  private static List<String> process(Matcher matcher, KeyState state, String token) {
    int id = Integer.parseInt(token.substring(1));
    return render(matcher.process(state, event(token.substring(0, 1), id), id * 1000L));
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Matcher.of(List.of(A_THEN_B), 0));
  }
}
