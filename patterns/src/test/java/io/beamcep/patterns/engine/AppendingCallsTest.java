package io.beamcep.patterns.engine;

import static io.beamcep.patterns.engine.Rules.chain;
import static io.beamcep.patterns.engine.Rules.event;
import static io.beamcep.patterns.engine.Rules.node;
import static io.beamcep.patterns.engine.Rules.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Window;
import io.beamcep.patterns.model.WindowType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The appending calls (a host's reused list) give what the returning ones give, after what the
 * list held. Pattern: a then b within 3 s; events a1 b2 a3, then time passes a3's window.
 */
class AppendingCallsTest {
  private final Matcher matcher = Matcher.of(List.of(Rules.compile(chain(
      List.of(node("a", "a"), node("b", "b")), List.of(EdgeType.SKIP_TILL_NEXT),
      Optional.of(new Window(WindowType.FIRST_AND_LAST, Duration.ofSeconds(3))),
      AfterMatch.noSkip()))));

  @Test
  void appendingCallsAddTheSameResultsAfterWhatTheListHeld() {
    KeyState returning = KeyState.empty();
    List<Match> expected = new ArrayList<>();
    expected.addAll(matcher.process(returning, event("a", 1), 1000));
    expected.addAll(matcher.process(returning, event("b", 2), 2000));
    expected.addAll(matcher.process(returning, event("a", 3), 3000));
    expected.addAll(matcher.advanceTime(returning, 9000));

    KeyState other = KeyState.empty();
    matcher.process(other, event("a", 7), 7000);
    Match alreadyThere = matcher.process(other, event("b", 8), 8000).get(0);
    KeyState appending = KeyState.empty();
    List<Match> out = new ArrayList<>(List.of(alreadyThere));
    matcher.process(appending, event("a", 1), 1000, out);
    matcher.process(appending, event("b", 2), 2000, out);
    matcher.process(appending, event("a", 3), 3000, out);
    matcher.advanceTime(appending, 9000, out);

    assertEquals(List.of("a=a1 b=b2", "TIMEOUT a=a3"), render(expected));
    assertEquals(List.of("a=a7 b=b8", "a=a1 b=b2", "TIMEOUT a=a3"), render(out));
  }
}
