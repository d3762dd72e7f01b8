package io.beamcep.pipeline.match;

import static io.beamcep.pipeline.match.MatchFixtures.event;
import static io.beamcep.pipeline.match.MatchFixtures.rules;
import static io.beamcep.pipeline.match.MatchFixtures.twoSteps;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import io.beamcep.patterns.engine.KeyState;
import io.beamcep.patterns.engine.Match;
import io.beamcep.pipeline.alert.AlertFunctions;
import io.beamcep.pipeline.rules.RuleRow;
import io.beamcep.pipeline.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compiled matcher makes timeouts only for the rules whose timeout alerts the transform
 * emits: the emitter would throw the others away, after the engine had walked their events.
 */
class TimeoutsMadeTest {
  private static final RuleRow WITH_TIMEOUTS =
      twoSteps("told", 1, "a", "SKIP_TILL_NEXT", "b", 10, AlertFunctions.JSON_WITH_TIMEOUTS);
  private static final RuleRow WITHOUT =
      twoSteps("quiet", 1, "a", "SKIP_TILL_NEXT", "b", 10, AlertFunctions.JSON);
  private static final RuleSet BOTH = rules(1, WITH_TIMEOUTS, WITHOUT);

  /** Pattern a followedBy b within 10 s, in both rules; event a at 1 s, then time 20 s. */
  private static List<String> timeoutsOf(TimeoutEmission emission) {
    CompiledRuleSet compiled = CompiledRuleSet.compile(
        BOTH, CepMatchConfig.defaults().withMaxPartialMatchesPerRule(0).withTimeouts(emission));
    KeyState state = KeyState.empty();
    List<String> timedOut = new ArrayList<>();
    compiled.matcher().process(state, event("u", "1", "a").getValue(), 1_000L);
    for (Match match : compiled.matcher().advanceTime(state, 20_000L)) {
      timedOut.add(match.kind() + " " + match.rule().id());
    }
    assertThat("every window closed, timeouts made or not", state.isEmpty());
    return timedOut;
  }

  @Test
  void perRuleMakesTheTimeoutsOfRulesWhoseFunctionEmitsThem() {
    assertThat(timeoutsOf(TimeoutEmission.PER_RULE), contains("TIMEOUT told"));
  }

  @Test
  void allMakesEveryRulesTimeouts() {
    assertThat(timeoutsOf(TimeoutEmission.ALL), contains("TIMEOUT quiet", "TIMEOUT told"));
  }

  @Test
  void noneMakesNoTimeouts() {
    assertThat(timeoutsOf(TimeoutEmission.NONE), empty());
  }
}
