package io.beamcep.patterns.engine;

import static io.beamcep.patterns.engine.Rules.chain;
import static io.beamcep.patterns.engine.Rules.compile;
import static io.beamcep.patterns.engine.Rules.event;
import static io.beamcep.patterns.engine.Rules.node;
import static io.beamcep.patterns.engine.Rules.render;
import static io.beamcep.patterns.engine.Rules.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Window;
import io.beamcep.patterns.model.WindowType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Windows, timeouts, trailing notFollowedBy and what the key state holds afterwards. */
class WindowAndTimeoutTest {

  private static Optional<Window> within(long seconds, WindowType type) {
    return Optional.of(new Window(type, Duration.ofSeconds(seconds)));
  }

  @Test
  void firstAndLastWindowTimesOutAndLeavesTheStateEmpty() {
    CompiledRule rule = compile(chain(List.of(node("a", "a"), node("b", "b")),
        List.of(EdgeType.SKIP_TILL_NEXT), within(5, WindowType.FIRST_AND_LAST),
        AfterMatch.noSkip()));
    Matcher matcher = Matcher.of(List.of(rule));
    KeyState state = KeyState.empty();

    assertEquals(List.of(), matcher.process(state, event("a", 1), 1000));
    assertEquals(6000, state.nextDeadline(), "a1 + 5 s");
    assertEquals(1, state.partialMatchCount());
    assertEquals(List.of(), render(matcher.advanceTime(state, 5999)));
    assertEquals(List.of("TIMEOUT a=a1"), render(matcher.advanceTime(state, 6000)));
    assertTrue(state.isEmpty());
    assertEquals(Long.MAX_VALUE, state.nextDeadline());
    assertEquals(0, state.bufferedEventCount());
  }

  @Test
  void aWindowLongerThanTimeCanRunHasNoDeadline() {
    // the start plus such a window overflowed to a deadline before the start, so a host's timer
    // was due again at every watermark while the partial match waited
    for (WindowType type : WindowType.values()) {
      CompiledRule rule = compile(chain(List.of(node("a", "a"), node("b", "b")),
          List.of(EdgeType.SKIP_TILL_NEXT),
          Optional.of(new Window(type, Duration.ofMillis(Long.MAX_VALUE))), AfterMatch.noSkip()));
      Matcher matcher = Matcher.of(List.of(rule));
      KeyState state = KeyState.empty();

      matcher.process(state, event("a", 1), 1000);

      assertEquals(Long.MAX_VALUE, state.nextDeadline(), type.toString());
      assertEquals(List.of(), render(matcher.advanceTime(state, Long.MAX_VALUE - 1)));
      assertEquals(List.of("a=a1 b=b2"),
          render(matcher.process(state, event("b", 2), Long.MAX_VALUE - 1)));
    }
  }

  @Test
  void anEventAtExactlyTheWindowEndIsTooLate() {
    assertEquals(List.of("TIMEOUT a=a1", "a=a3 b=b6"),
        run(compile(chain(List.of(node("a", "a"), node("b", "b")),
            List.of(EdgeType.SKIP_TILL_NEXT), within(5, WindowType.FIRST_AND_LAST),
            AfterMatch.noSkip())), "a1 a3 b6", 100_000));
  }

  @Test
  void matchesReleasedByTimeComeBeforeTheTimeoutsOfTheSameAdvance() {
    // a1 b2 waits out its window at the trailing notFollowedBy, a3 waits for a b: both windows
    // close in one advance, and the match comes first, as Flink's CepOperator emits them, though
    // the engine finds the timeout before it releases the match
    CompiledRule rule = compile(chain(List.of(node("a", "a"), node("b", "b"), node("x", "x")),
        List.of(EdgeType.SKIP_TILL_NEXT, EdgeType.NOT_FOLLOW), within(5, WindowType.FIRST_AND_LAST),
        AfterMatch.noSkip()));

    assertEquals(List.of("a=a1 b=b2", "TIMEOUT a=a3"), run(rule, "a1 b2 a3", 100_000));
  }

  @Test
  void trailingNotFollowedByMatchesWhenTheWindowClosesWithoutTheForbiddenEvent() {
    CompiledRule rule = compile(chain(List.of(node("a", "a"), node("x", "x")),
        List.of(EdgeType.NOT_FOLLOW), within(5, WindowType.FIRST_AND_LAST), AfterMatch.noSkip()));
    Matcher matcher = Matcher.of(List.of(rule));
    KeyState state = KeyState.empty();
    matcher.process(state, event("a", 1), 1000);
    matcher.process(state, event("x", 3), 3000);
    matcher.process(state, event("a", 4), 4000);
    assertEquals(List.of(), matcher.process(state, event("c", 6), 6000), "a1 was killed by x3");
    assertEquals(9000, state.nextDeadline());
    assertEquals(List.of(), render(matcher.advanceTime(state, 8999)));
    assertEquals(List.of("a=a4"), render(matcher.advanceTime(state, 9000)));
    assertTrue(state.isEmpty());
  }

  @Test
  void previousAndCurrentWindowLimitsTheGapBeforeTheLastStepOnly() {
    // within(PREVIOUS_AND_CURRENT) sits on the last node, as the reference builds it; Flink then
    // bounds only the wait for that node
    CompiledRule rule = compile(chain(List.of(node("a", "a"), node("b", "b"), node("c", "c")),
        List.of(EdgeType.SKIP_TILL_NEXT, EdgeType.SKIP_TILL_NEXT),
        within(3, WindowType.PREVIOUS_AND_CURRENT), AfterMatch.noSkip()));
    assertEquals(List.of("a=a1 b=b5 c=c7"), run(rule, "a1 b5 c7", 100_000));
    assertEquals(List.of("TIMEOUT a=a1 b=b2"), run(rule, "a1 b2 c6", 100_000));
  }

  @Test
  void partialMatchesWithoutWindowNeverExpire() {
    CompiledRule rule = compile(chain(List.of(node("a", "a"), node("b", "b")),
        List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(), AfterMatch.noSkip()));
    Matcher matcher = Matcher.of(List.of(rule));
    KeyState state = KeyState.empty();
    matcher.process(state, event("a", 1), 1000);
    assertEquals(Long.MAX_VALUE, state.nextDeadline());
    assertEquals(List.of(), matcher.advanceTime(state, Long.MAX_VALUE));
    assertEquals(List.of("a=a1 b=b9"), render(matcher.process(state, event("b", 9), 9_000_000)));
  }
}
