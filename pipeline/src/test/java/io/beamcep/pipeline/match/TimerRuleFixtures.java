package io.beamcep.pipeline.match;

import static io.beamcep.pipeline.match.MatchFixtures.twoSteps;

import io.beamcep.patterns.engine.KeyState;
import io.beamcep.patterns.engine.Match;
import io.beamcep.pipeline.alert.AlertFunctions;
import io.beamcep.pipeline.rules.RuleRow;
import io.beamcep.pipeline.rules.RuleSet;
import io.beamcep.pipeline.rules.RuleSource;
import java.util.ArrayList;
import java.util.List;

/** Rules, a rule source and a timer's results for the specifications of rules read by timers. */
final class TimerRuleFixtures {
  /** {@code a} then {@code b} within 100 s. */
  static final RuleRow AB = twoSteps("ab", 1, "a", "SKIP_TILL_NEXT", "b", 100, AlertFunctions.JSON);
  /** {@code a} then {@code c} within 100 s. */
  static final RuleRow AC = twoSteps("ac", 1, "a", "SKIP_TILL_NEXT", "c", 100, AlertFunctions.JSON);
  /** Every rule's timeouts made. */
  static final CepMatchConfig CONFIG = CepMatchConfig.defaults().withTimeouts(TimeoutEmission.ALL);

  private TimerRuleFixtures() {}

  /** What a timer at {@code at} returns for {@code state}: {@code rule KIND [event ids]} each. */
  static List<String> advanced(CompiledRuleSet rules, KeyState state, long at) {
    List<String> fired = new ArrayList<>();
    for (Match match : rules.matcher().advanceTime(state, at)) {
      fired.add(match.rule().id() + " " + match.kind() + " " + match.events().values().stream()
          .flatMap(List::stream).map(event -> event.get("id")).toList());
    }
    return fired;
  }

  /** Rows read as from a table, failing while {@link #failing} as a database that is down. */
  static final class CountingSource implements RuleSource {
    private final long staleAfterMillis;
    RuleSet rows;
    boolean failing;
    /** How often it was read, failed reads included. */
    int reads;

    CountingSource(RuleSet rows, long staleAfterMillis) {
      this.rows = rows;
      this.staleAfterMillis = staleAfterMillis;
    }

    @Override
    public RuleSet read() throws Exception {
      reads++;
      if (failing) {
        throw new java.sql.SQLException("connection refused");
      }
      return rows;
    }

    @Override
    public long staleAfterMillis() {
      return staleAfterMillis;
    }
  }
}
