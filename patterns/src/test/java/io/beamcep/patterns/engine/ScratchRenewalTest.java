package io.beamcep.patterns.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.Contiguity;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.QuantifierProperty;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The per-thread scratch set is replaced every {@link RunScratch#RENEWAL} events (so that G1
 * never promotes it); a replacement between two events of a key changes nothing the key gets.
 */
class ScratchRenewalTest {

  @Test
  void theScratchIsReplacedEveryRenewalPeriodAndKeptInBetween() {
    Object renewed = skipToRenewal();

    for (int call = 1; call < RunScratch.RENEWAL; call++) {
      assertSame(renewed, RunScratch.current(), "call " + call + " after a renewal");
    }
    assertNotSame(renewed, RunScratch.current());
  }

  /**
   * Pattern: a{1,} (skip till next) followedBy b. Events: a1 a2 a3 b4. Expected: each run of a's
   * (from a1, a2 or a3, ending anywhere before b4) with b4, six matches in Flink's order, wherever
   * between the events the scratch is replaced, while partial matches are pending and the looping
   * step's decisions and event-only memo sit in the old scratch.
   */
  @Test
  void aReplacementBetweenEventsChangesNoMatch() {
    CompiledRule rule = Rules.compile(Rules.chain(
        List.of(
            Rules.node("a", "a", Rules.q(Contiguity.SKIP_TILL_NEXT, 1, 1,
                QuantifierProperty.LOOPING)),
            Rules.node("b", "b")),
        List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(), AfterMatch.noSkip()));
    List<String> expected = List.of("a=a1,a2,a3 b=b4", "a=a1,a2 b=b4", "a=a1 b=b4",
        "a=a2,a3 b=b4", "a=a2 b=b4", "a=a3 b=b4");

    for (int before = 0; before <= 3; before++) {
      skipToRenewal();
      // the renewal comes with event number `before` (0-based): each process fetches the scratch
      for (int call = 0; call < RunScratch.RENEWAL - 1 - before; call++) {
        RunScratch.current();
      }
      assertEquals(expected, Rules.run(rule, "a1 a2 a3 b4", 100_000L),
          "scratch replaced before event " + before);
    }
  }

  /** Fetches the scratch until it is replaced; returns the new one, which has served no event. */
  private static Object skipToRenewal() {
    Object current = RunScratch.current();
    for (int call = 0; call <= RunScratch.RENEWAL; call++) {
      Object next = RunScratch.current();
      if (next != current) {
        return next;
      }
    }
    throw new AssertionError("no renewal in " + RunScratch.RENEWAL + " calls");
  }
}
