package io.beamcep.patterns.engine;

import static io.beamcep.patterns.engine.Rules.chain;
import static io.beamcep.patterns.engine.Rules.event;
import static io.beamcep.patterns.engine.Rules.node;
import static io.beamcep.patterns.engine.Rules.q;
import static io.beamcep.patterns.engine.Rules.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.Contiguity;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.QuantifierProperty;
import io.beamcep.patterns.model.Window;
import io.beamcep.patterns.model.WindowType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Partial matches of a looping step share their path nodes: one node per event for all of them,
 * each still seeing only its own events, and nothing kept once the partial matches that hold it
 * ended. Pattern: {@code a{4,}} then {@code b}, NO_SKIP, every {@code a} starting a partial match.
 */
class SharedPathsTest {
  private static Graph fourOrMoreAThenB(Duration window) {
    return chain(
        List.of(node("a", "a", q(Contiguity.SKIP_TILL_NEXT, 4, 4, QuantifierProperty.LOOPING)),
            node("b", "b")),
        List.of(EdgeType.SKIP_TILL_NEXT),
        Optional.of(new Window(WindowType.FIRST_AND_LAST, window)),
        AfterMatch.noSkip());
  }

  @Test
  void sixAsHeldBySixPartialMatchesAreSixNodesAndEachMatchHasOnlyItsOwnEvents() {
    Matcher matcher = Matcher.of(List.of(Rules.compile(fourOrMoreAThenB(Duration.ofSeconds(60)))));
    KeyState state = KeyState.empty();
    for (int id = 1; id <= 6; id++) {
      matcher.process(state, event("a", id), id * 1000L);
    }

    // a1..a3 have taken four a's or more: each also waits for b on an older chain head
    assertEquals(9, state.partialMatchCount());
    assertEquals(6, HeldPaths.reachable(state).size(), "one node per a, not one per take");
    assertEquals(HeldPaths.held(state), HeldPaths.reachable(state));
    KeyState restored = KeyState.fromBytes(state.toBytes());
    assertEquals(6, HeldPaths.reachable(restored).size(), "the bytes keep the sharing");

    // Flink CEP's matches (every run of four a's or more since a start); the ones started at a2
    // and a3 hold nodes linking on to a1, and must not see it
    List<String> expected = List.of(
        "a=a1,a2,a3,a4,a5,a6 b=b7", "a=a1,a2,a3,a4,a5 b=b7", "a=a1,a2,a3,a4 b=b7",
        "a=a2,a3,a4,a5,a6 b=b7", "a=a2,a3,a4,a5 b=b7", "a=a3,a4,a5,a6 b=b7");
    assertEquals(expected, render(matcher.process(state, event("b", 7), 7000L)));
    assertEquals(expected, render(matcher.process(restored, event("b", 7), 7000L)));
  }

  @Test
  void theEventsOfATimedOutPartialMatchAreReleasedThoughYoungerOnesStartedOnItsNodes() {
    // a window of 3.5 s: a1's partial match times out at 4.5 s, a2's at 5.5 s, ...
    Matcher matcher = Matcher.of(List.of(Rules.compile(fourOrMoreAThenB(Duration.ofMillis(3500)))));
    KeyState state = KeyState.empty();
    List<String> timeouts = new ArrayList<>();
    for (int id = 1; id <= 8; id++) {
      timeouts.addAll(render(matcher.process(state, event("a", id), id * 1000L)));
      assertEquals(HeldPaths.held(state), HeldPaths.reachable(state), "after a" + id);
    }

    assertEquals(List.of("TIMEOUT a=a1,a2,a3,a4", "TIMEOUT a=a2,a3,a4,a5",
        "TIMEOUT a=a3,a4,a5,a6", "TIMEOUT a=a4,a5,a6,a7"), timeouts);
    assertEquals(Set.of(5L, 6L, 7L, 8L), heldEventIds(state), "a1 to a4 are no longer held");
  }

  private static Set<Long> heldEventIds(KeyState state) {
    Set<Long> ids = new TreeSet<>();
    for (PathNode node : HeldPaths.reachable(state)) {
      ids.add((Long) node.event.get("id"));
    }
    return ids;
  }
}
