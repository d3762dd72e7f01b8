package io.beamcep.patterns.property;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.engine.Match;
import io.beamcep.patterns.engine.Matcher;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.model.WindowType;
import io.beamcep.patterns.nfa.State;
import io.beamcep.patterns.yardstick.TimedEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A rule edited in place (the same id and version, another random pattern whose nodes are named
 * as the generator names them, so names overlap and structures differ) partway through a random
 * stream, with the key's state as held or decoded from its bytes: the matcher never throws, every
 * result after the edit names only nodes of the edited pattern, and a key is left empty once the
 * edited rule's window (first to last event) has closed. A longer run: -DeditedInPlace.cases=20000.
 */
class RuleEditedInPlacePropertyTest {
  private static final int CASES = Integer.getInteger("editedInPlace.cases", 5_000);
  private static final long FIRST_SEED = 20_261_206L;
  private static final int MAX_PARTIAL_MATCHES = 10_000;

  @Test
  void anEditInPlaceNeverFailsAKeyAndResultsNameOnlyTheEditedPatternsNodes() {
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    int edited = 0;
    int carried = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + CASES; seed++) {
      Random pick = new Random(seed);
      CompiledRule before = compile(compiler, new RandomPatterns(seed).pattern());
      Graph editedPattern = new RandomPatterns(seed + 1_000_000_007L).pattern();
      CompiledRule after = compile(compiler, editedPattern);
      if (before == null || after == null) {
        continue;
      }
      List<TimedEvent> events = new RandomPatterns(seed).events();
      int editAt = 1 + pick.nextInt(events.size() - 1);
      boolean decoded = pick.nextBoolean();
      String where = "seed " + seed + (decoded ? ", decoded" : ", as held") + ", edit at event "
          + editAt;
      OneKeyHost host =
          new OneKeyHost(Matcher.of(List.of(before), MAX_PARTIAL_MATCHES, rule -> true));
      try {
        for (TimedEvent event : events.subList(0, editAt)) {
          host.process(event);
        }
        int waiting = host.state.partialMatchCount();
        if (decoded) {
          host.reload();
        }
        host.matcher = Matcher.of(List.of(after), MAX_PARTIAL_MATCHES, rule -> true);
        host.results.clear();
        host.process(events.get(editAt));
        if (waiting > 0 && host.state.partialMatchCount() > 0) {
          carried++;
        }
        for (TimedEvent event : events.subList(editAt + 1, events.size())) {
          host.process(event);
        }
        host.fireAll();
      } catch (RuntimeException e) {
        throw new AssertionError(where + ": the edited rule failed the key", e);
      }
      Set<String> nodes = nodeNames(after);
      for (Match match : host.results) {
        if (!nodes.containsAll(match.events().keySet())) {
          fail(where + ": " + match + " names a node the edited pattern " + nodes + " lacks");
        }
      }
      boolean bounded = editedPattern.window()
          .filter(window -> window.type() == WindowType.FIRST_AND_LAST).isPresent();
      if (bounded && host.matcher.partialMatchesDropped(after.key()) == 0) {
        assertTrue(host.state.isEmpty(), where + ": state left after every window closed");
      }
      edited++;
    }
    assertTrue(edited > CASES / 2, edited + " of " + CASES + " seeds edited");
    // the property is about keys holding partial matches across the edit: enough must have
    assertTrue(carried > edited / 10, carried + " of " + edited + " edits carried a match over");
  }

  private static CompiledRule compile(RuleCompiler compiler, Graph pattern) {
    try {
      return compiler.compile(new Rule("r", 1, pattern, null));
    } catch (RuleException refused) {
      return null; // the generator writes some rules Flink refuses on purpose
    }
  }

  private static Set<String> nodeNames(CompiledRule rule) {
    Set<String> names = new HashSet<>();
    for (State state : rule.automaton().states()) {
      names.add(state.patternName());
    }
    return names;
  }
}
