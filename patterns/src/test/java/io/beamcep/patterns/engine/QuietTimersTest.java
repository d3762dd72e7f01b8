package io.beamcep.patterns.engine;

import static io.beamcep.patterns.engine.Rules.chain;
import static io.beamcep.patterns.engine.Rules.event;
import static io.beamcep.patterns.engine.Rules.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Node;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.model.Window;
import io.beamcep.patterns.model.WindowType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link Matcher#nextTimer}: when a host must next advance a key's time. Closing windows that
 * return nothing (no timeouts wanted, no trailing negation, no match held back) need no timer of
 * their own, only one by which the key's state can be cleared; random rules are checked against a
 * host firing at every deadline in QuietTimersPropertyTest.
 */
class QuietTimersTest {
  /** a followedBy b within 10 s. */
  private static final CompiledRule A_THEN_B = rule("ab", List.of(EdgeType.SKIP_TILL_NEXT), 10);
  /** a followedBy b, then nothing but x within 10 s (a trailing notFollowedBy). */
  private static final CompiledRule A_THEN_B_THEN_NO_X =
      rule("abx", List.of(EdgeType.SKIP_TILL_NEXT, EdgeType.NOT_FOLLOW), 10);

  /** Events a@1 s and a@3 s: two partial matches, whose windows close at 11 s and 13 s. */
  private static KeyState twoWaitingAs(Matcher matcher) {
    KeyState state = KeyState.empty();
    assertTrue(matcher.process(state, event("a", 1), 1_000L).isEmpty());
    assertTrue(matcher.process(state, event("a", 2), 3_000L).isEmpty());
    return state;
  }

  @Test
  void windowsClosingUnobservedGetOneTimerWhenAllHaveClosed() {
    Matcher matcher = Matcher.of(List.of(A_THEN_B), Integer.MAX_VALUE, rule -> false);
    KeyState state = twoWaitingAs(matcher);
    assertEquals(11_000L, state.nextDeadline());
    assertEquals(13_000L, matcher.nextTimer(state), "the last event (3 s) + the 10 s window");

    assertEquals(List.of(), matcher.advanceTime(state, 13_000L));
    assertTrue(state.isEmpty());
    assertEquals(Long.MAX_VALUE, matcher.nextTimer(state));
  }

  @Test
  void aPartialMatchPastItsWindowNeverTakesAnEventThoughNoTimerClosedIt() {
    Matcher matcher = Matcher.of(List.of(A_THEN_B), Integer.MAX_VALUE, rule -> false);
    KeyState state = twoWaitingAs(matcher);
    // b@12 s: a@1 s closed at 11 s, unobserved; only a@3 s may take it
    assertEquals(List.of("a=a2 b=b3"), Rules.render(matcher.process(state, event("b", 3), 12_000L)));
  }

  @Test
  void timeoutsWantedKeepATimerAtEveryDeadline() {
    Matcher matcher = Matcher.of(List.of(A_THEN_B), Integer.MAX_VALUE, rule -> true);
    KeyState state = twoWaitingAs(matcher);
    assertEquals(11_000L, matcher.nextTimer(state));
    assertEquals(List.of("TIMEOUT a=a1"), Rules.render(matcher.advanceTime(state, 11_000L)));
    assertEquals(13_000L, matcher.nextTimer(state));
  }

  @Test
  void aTrailingNegationKeepsATimerAtEveryDeadline() {
    Matcher matcher = Matcher.of(List.of(A_THEN_B_THEN_NO_X), Integer.MAX_VALUE, rule -> false);
    KeyState state = twoWaitingAs(matcher);
    matcher.process(state, event("b", 3), 4_000L);
    assertEquals(11_000L, matcher.nextTimer(state));
    assertEquals(List.of("a=a1 b=b3"), Rules.render(matcher.advanceTime(state, 11_000L)),
        "the match a trailing notFollowedBy releases when its window closes");
  }

  /**
   * Pattern: a followedBy b within 10 s, where b must be the event right after its a (b.id = a.id
   * + 1, a condition reading the match), SKIP_PAST_LAST_EVENT, timeouts not wanted. Events a1@1 s
   * a2@2 s b3@3 s: a2 b3 completes while a1's partial match is open, so the skip strategy holds it
   * back until a1's window closes at 11 s, when it is returned.
   */
  @Test
  void aMatchHeldBackKeepsATimerAtTheDeadlineThatReleasesIt() {
    CompiledRule held = Rules.bRightAfterItsA(
        Optional.of(new Window(WindowType.FIRST_AND_LAST, Duration.ofSeconds(10))));
    Matcher matcher = Matcher.of(List.of(held), Integer.MAX_VALUE, rule -> false);
    KeyState state = KeyState.empty();
    matcher.process(state, event("a", 1), 1_000L);
    matcher.process(state, event("a", 2), 2_000L);
    assertEquals(List.of(), matcher.process(state, event("b", 3), 3_000L), "held back by a1");

    assertEquals(11_000L, matcher.nextTimer(state), "a1's window, not the quiet 3 s + 10 s");
    assertEquals(List.of("a=a2 b=b3"), Rules.render(matcher.advanceTime(state, 11_000L)));
  }

  private static CompiledRule rule(String id, List<EdgeType> edges, int windowSeconds) {
    List<Node> nodes = edges.size() == 1
        ? List.of(node("a", "a"), node("b", "b"))
        : List.of(node("a", "a"), node("b", "b"), node("x", "x"));
    return Rules.COMPILER.compile(new Rule(id, 1, chain(nodes, edges,
        Optional.of(new Window(WindowType.FIRST_AND_LAST, Duration.ofSeconds(windowSeconds))),
        AfterMatch.noSkip()), null));
  }
}
