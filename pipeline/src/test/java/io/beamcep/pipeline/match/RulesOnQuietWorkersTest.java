package io.beamcep.pipeline.match;

import static io.beamcep.pipeline.match.MatchFixtures.event;
import static io.beamcep.pipeline.match.MatchFixtures.rules;
import static io.beamcep.pipeline.match.TimerRuleFixtures.AB;
import static io.beamcep.pipeline.match.TimerRuleFixtures.AC;
import static io.beamcep.pipeline.match.TimerRuleFixtures.CONFIG;
import static io.beamcep.pipeline.match.TimerRuleFixtures.advanced;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;

import io.beamcep.patterns.engine.KeyState;
import io.beamcep.pipeline.match.TimerRuleFixtures.CountingSource;
import io.beamcep.pipeline.rules.RuleSource;
import io.beamcep.pipeline.rules.RuleValidator;
import io.beamcep.pipeline.testing.Databases;
import io.beamcep.pipeline.testing.Databases.RuleTableFixture;
import java.util.UUID;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A worker whose elements stopped coming gets no side input either, yet its timers go on firing:
 * after a poll interval without one, they read the rule source themselves, so a rule deleted or
 * changed in the table meanwhile stops timing out there too. What they read stands until the side
 * input changes: its older value, still the same generation, does not bring the old rules back.
 * Driven the way the DoFns drive {@link MatcherRules} and {@link RuleCache}; times are wall-clock
 * milliseconds.
 */
class RulesOnQuietWorkersTest {
  private static final long POLL_MILLIS = 3000;

  private final String transform = UUID.randomUUID().toString();
  private final CountingSource table = new CountingSource(rules(0, AB, AC), POLL_MILLIS);
  private final MatcherRules matcherRules = new MatcherRules(transform, null, CONFIG, table);

  @Test
  void aRuleDeletedWhileNoElementCameStopsTimingOutOnceAPollIntervalHasPassed() {
    // the last element brought {ab, ac}; a@1 started a partial match of each
    CompiledRuleSet brought = RuleCache.current(transform, rules(5, AB, AC), CONFIG, 1_000);
    KeyState state = KeyState.empty();
    brought.matcher().process(state, event("u", "a1", "a").getValue(), 1_000);
    table.rows = rules(0, AB); // ac deleted from the table; no element comes to this worker

    assertThat("within the interval: the rules the element brought",
        matcherRules.forTimer(1_000 + POLL_MILLIS - 1), sameInstance(brought));
    assertThat(table.reads, is(0));
    CompiledRuleSet read = matcherRules.forTimer(1_000 + POLL_MILLIS);
    assertThat(table.reads, is(1));
    assertThat(advanced(read, state, 101_000), contains("ab TIMEOUT [a1]"));
  }

  @Test
  void theSideInputsSameGenerationKeepsWhatTheTimersReadAndANewerOneReplacesIt() {
    RuleCache.current(transform, rules(5, AB, AC), CONFIG, 1_000);
    table.rows = rules(0, AB);
    CompiledRuleSet read = matcherRules.forTimer(4_000);

    assertThat("an element's side input, not yet changed", RuleCache.current(
        transform, rules(5, AB, AC), CONFIG, 5_000), sameInstance(read));
    assertThat("confirmed by it", matcherRules.forTimer(5_000 + POLL_MILLIS - 1),
        sameInstance(read));
    assertThat(table.reads, is(1));

    CompiledRuleSet announced = RuleCache.current(transform, rules(6, AB), CONFIG, 9_000);
    assertThat("the poller's news of the same rows keeps the matcher", announced.matcher(),
        sameInstance(read.matcher()));
    CompiledRuleSet newer = RuleCache.current(transform, rules(7, AB, AC), CONFIG, 9_500);
    assertThat(newer.matcher().rules().size(), is(2));
    assertThat("an instance still at an older generation changes nothing",
        RuleCache.current(transform, rules(6, AB), CONFIG, 9_600), sameInstance(newer));
  }

  @Test
  void theSameRowsReadOnlyConfirmTheRulesUntilTheNextInterval() {
    CompiledRuleSet brought = RuleCache.current(transform, rules(5, AB, AC), CONFIG, 1_000);

    assertThat(matcherRules.forTimer(4_000), sameInstance(brought));
    assertThat(matcherRules.forTimer(6_999), sameInstance(brought));
    assertThat(table.reads, is(1));
    assertThat(matcherRules.forTimer(7_000), sameInstance(brought));
    assertThat(table.reads, is(2));
  }

  @Test
  void whileTheSourceCannotBeReadTheTimersKeepTheRulesTheyHaveAndTryAgainLater() {
    CompiledRuleSet brought = RuleCache.current(transform, rules(5, AB, AC), CONFIG, 1_000);
    table.failing = true;

    assertThat(matcherRules.forTimer(4_000), sameInstance(brought));
    assertThat(matcherRules.forTimer(4_999), sameInstance(brought));
    assertThat("the first wait is a second", table.reads, is(1));
    table.failing = false;
    table.rows = rules(0, AB);
    assertThat(matcherRules.forTimer(5_000).matcher().rules().size(), is(1));
    assertThat(table.reads, is(2));
  }

  @Test
  void rulesFromAFileAreNeverReadAgain() {
    MatcherRules fromFile = new MatcherRules(
        transform, null, CONFIG, RuleSource.fixed(rules(0, AB)));
    CompiledRuleSet brought = RuleCache.current(transform, rules(1, AB, AC), CONFIG, 1_000);

    assertThat(fromFile.forTimer(1_000 + 365L * 24 * 3600 * 1000), sameInstance(brought));
  }

  /** The same with the rule table of a real database, read as the job reads it. */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void aRowDeletedFromTheTableIsSeenByAQuietWorkersTimers(Databases db) throws Exception {
    try (RuleTableFixture rows = db.newRuleTable("quiet_rules")) {
      rows.insert(AB.id(), 1, AB.pattern(), AB.function())
          .insert(AC.id(), 1, AC.pattern(), AC.function());
      MatcherRules fromTable = new MatcherRules(transform, null, CONFIG, RuleSource.table(
          rows.source(), RuleValidator.engine(), Duration.millis(POLL_MILLIS)));
      CompiledRuleSet brought = RuleCache.current(transform, rules(5, AB, AC), CONFIG, 1_000);
      KeyState state = KeyState.empty();
      brought.matcher().process(state, event("u", "a1", "a").getValue(), 1_000);

      rows.delete(AC.id(), 1);
      CompiledRuleSet read = fromTable.forTimer(1_000 + POLL_MILLIS);

      assertThat(read, not(sameInstance(brought)));
      assertThat(advanced(read, state, 101_000), contains("ab TIMEOUT [a1]"));
      assertThat(state.isEmpty(), is(true));
      assertThat(read.matcher().rules().stream().map(rule -> rule.key().id()).toList(),
          contains("ab"));
    }
  }
}
