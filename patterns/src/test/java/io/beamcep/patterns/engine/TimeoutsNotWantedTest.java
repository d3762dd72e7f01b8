package io.beamcep.patterns.engine;

import static io.beamcep.patterns.engine.Rules.chain;
import static io.beamcep.patterns.engine.Rules.event;
import static io.beamcep.patterns.engine.Rules.node;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.model.Window;
import io.beamcep.patterns.model.WindowType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A matcher told which rules want their timeouts (Flink's handleTimeout) returns none for the
 * others, and is otherwise the same matcher: the same matches, in the same order, the same state.
 */
class TimeoutsNotWantedTest {
  /** a followedBy b within 5 s, and a followedBy b notFollowedBy x within 5 s. */
  private static final CompiledRule WAITS_FOR_B = withId("waits", chain(
      List.of(node("a", "a"), node("b", "b")), List.of(EdgeType.SKIP_TILL_NEXT),
      Optional.of(new Window(WindowType.FIRST_AND_LAST, Duration.ofSeconds(5))),
      AfterMatch.noSkip()));
  private static final CompiledRule NOTHING_AFTER_B = withId("trailing", chain(
      List.of(node("a", "a"), node("b", "b"), node("x", "x")),
      List.of(EdgeType.SKIP_TILL_NEXT, EdgeType.NOT_FOLLOW),
      Optional.of(new Window(WindowType.FIRST_AND_LAST, Duration.ofSeconds(5))),
      AfterMatch.noSkip()));

  /**
   * Events a1 b2 a3 a4 x5 b6 a12, then time 30 s; timers at every second as a host's would fire.
   * Both rules give the same matches with and without timeouts (the trailing rule's a1 b2 is
   * spoilt by x5, its a3 b6 and a4 b6 come when their windows close); a12 times out in both rules,
   * but only the rule that wants timeouts returns one.
   */
  @Test
  void onlyTheRulesThatWantTimeoutsGetThemAndNothingElseChanges() {
    Matcher all = Matcher.of(List.of(WAITS_FOR_B, NOTHING_AFTER_B));
    Matcher some = Matcher.of(List.of(WAITS_FOR_B, NOTHING_AFTER_B), Integer.MAX_VALUE,
        rule -> rule.equals(WAITS_FOR_B.key()));
    KeyState allState = KeyState.empty();
    KeyState someState = KeyState.empty();
    List<String> allOut = new ArrayList<>();
    List<String> someOut = new ArrayList<>();
    String[] script = {"a1", "b2", "a3", "a4", "x5", "b6", "a12"};
    long time = 0;
    for (String token : script) {
      long at = Long.parseLong(token.substring(1)) * 1000L;
      for (; time < at; time += 1000L) {
        allOut.addAll(byRule(all.advanceTime(allState, time)));
        someOut.addAll(byRule(some.advanceTime(someState, time)));
      }
      allOut.addAll(byRule(all.process(allState, event(token.substring(0, 1),
          Integer.parseInt(token.substring(1))), at)));
      someOut.addAll(byRule(some.process(someState, event(token.substring(0, 1),
          Integer.parseInt(token.substring(1))), at)));
      assertArrayEquals(allState.toBytes(), someState.toBytes(), "state after " + token);
    }
    allOut.addAll(byRule(all.advanceTime(allState, 30_000L)));
    someOut.addAll(byRule(some.advanceTime(someState, 30_000L)));

    assertEquals(List.of("waits: a=a1 b=b2", "waits: a=a3 b=b6", "waits: a=a4 b=b6",
        "trailing: a=a3 b=b6", "trailing: a=a4 b=b6", "trailing: TIMEOUT a=a12",
        "waits: TIMEOUT a=a12"), allOut);
    assertEquals(List.of("waits: a=a1 b=b2", "waits: a=a3 b=b6", "waits: a=a4 b=b6",
        "trailing: a=a3 b=b6", "trailing: a=a4 b=b6", "waits: TIMEOUT a=a12"), someOut);
    assertArrayEquals(allState.toBytes(), someState.toBytes());
    assertTrue(someState.isEmpty());
  }

  @Test
  void aMatcherNeedsToKnowWhichRulesWantTimeouts() {
    assertThrows(NullPointerException.class,
        () -> Matcher.of(List.of(WAITS_FOR_B), Integer.MAX_VALUE, null));
  }

  private static List<String> byRule(List<Match> results) {
    List<String> out = new ArrayList<>();
    for (Match match : results) {
      out.add(match.rule().id() + ": " + Rules.render(List.of(match)).get(0));
    }
    return out;
  }

  private static CompiledRule withId(String id, Graph pattern) {
    return Rules.COMPILER.compile(new Rule(id, 1, pattern, null));
  }
}
