package io.beamcep.pipeline.rules;

import static io.beamcep.pipeline.rules.RulePatterns.DANGLING_EDGE;
import static io.beamcep.pipeline.rules.RulePatterns.FUNCTION;
import static io.beamcep.pipeline.rules.RulePatterns.GOOD;
import static io.beamcep.pipeline.rules.RulePatterns.OTHER_GOOD;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.beamcep.pipeline.testing.Collected;
import io.beamcep.pipeline.testing.Databases;
import io.beamcep.pipeline.testing.Databases.RuleTableFixture;
import java.time.Duration;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rules side input of a running streaming pipeline follows the table: rule / table edits /
 * what a main input sees through the side input.
 */
class JdbcRulesPollingTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @ParameterizedTest
  @EnumSource(Databases.class)
  void theSideInputFollowsInsertsChangesDeletesAndSurvivesAnUnreadableTable(Databases db) {
    RuleTableFixture table = db.newRuleTable("rules");
    table.insert("a", 1, GOOD, FUNCTION);

    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    options.setBlockOnRun(false);
    Pipeline pipeline = Pipeline.create(options);
    RulesResult rules =
        pipeline.apply(
            JdbcRules.from(table.source())
                .withPollInterval(org.joda.time.Duration.millis(150)));
    Collected<RuleSet> emitted = Collected.from(rules.ruleSets(), "RuleSets");
    Collected<RuleError> errors = Collected.from(rules.errors(), "RuleErrors");
    Collected<RuleSet> seen =
        SideInputProbe.readEvery(org.joda.time.Duration.millis(50), pipeline, rules.view());
    PipelineResult result = pipeline.run();
    try {
      awaitSeen(seen, List.of(new RuleRow("a", 1, GOOD, FUNCTION)));

      table.insert("a", 2, OTHER_GOOD, FUNCTION);
      awaitSeen(seen, List.of(new RuleRow("a", 2, OTHER_GOOD, FUNCTION)));

      table.insert("a", 3, DANGLING_EDGE, FUNCTION);
      await().atMost(WAIT).until(() -> !errors.elements().isEmpty());
      RuleError error = errors.elements().get(0);
      assertThat(error.id() + " v" + error.version(), is("a v3"));
      assertThat(emitted.last().rows(), contains(new RuleRow("a", 2, OTHER_GOOD, FUNCTION)));

      table.setPattern("a", 2, GOOD);
      awaitSeen(seen, List.of(new RuleRow("a", 2, GOOD, FUNCTION)));

      table.delete("a", 3);
      table.delete("a", 2);
      awaitSeen(seen, List.of(new RuleRow("a", 1, GOOD, FUNCTION)));

      int emittedBeforeOutage = emitted.elements().size();
      table.drop();
      await().atMost(WAIT).until(() -> pollerCounter(result, "rulePollFailures") > 0);
      assertThat("an unreadable table must not change the rules",
          emitted.elements().size(), is(emittedBeforeOutage));
      assertThat(seen.last().rows(), contains(new RuleRow("a", 1, GOOD, FUNCTION)));

      db.createRuleTable(table.name()).insert("b", 1, GOOD, FUNCTION);
      awaitSeen(seen, List.of(new RuleRow("b", 1, GOOD, FUNCTION)));

      assertThat(
          "the bad version is reported once, not at every poll", errors.elements().size(), is(1));
      await().atMost(WAIT).until(() -> pollerCounter(result, "ruleErrors") > 0);
      assertThat("counted once too", pollerCounter(result, "ruleErrors"), is(1L));
      int changes = emitted.elements().size();
      await().atMost(WAIT).until(() -> pollerCounter(result, "ruleSetChanges") >= changes);
      assertThat(pollerCounter(result, "ruleSetChanges"), is((long) changes));
      List<Long> generations = emitted.elements().stream().map(RuleSet::generation).toList();
      assertThat(generations, is(generations.stream().sorted().distinct().toList()));
    } finally {
      cancel(result);
      table.drop();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Databases.class, names = "H2")
  void anEmptyTableIsAnEmptyRuleSetNotAWaitForever(Databases db) {
    RuleTableFixture table = db.newRuleTable("rules");
    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    options.setBlockOnRun(false);
    Pipeline pipeline = Pipeline.create(options);
    RulesResult rules =
        pipeline.apply(
            JdbcRules.from(table.source())
                .withPollInterval(org.joda.time.Duration.millis(150)));
    Collected<RuleSet> seen =
        SideInputProbe.readEvery(org.joda.time.Duration.millis(50), pipeline, rules.view());
    PipelineResult result = pipeline.run();
    try {
      await().atMost(WAIT).until(() -> seen.last() != null);
      assertThat(seen.last().rows(), is(empty()));
      assertThat(seen.last().generation(), greaterThan(0L));
    } finally {
      cancel(result);
      table.drop();
    }
  }

  private static void awaitSeen(Collected<RuleSet> seen, List<RuleRow> rows) {
    await().atMost(WAIT).until(() -> seen.last() != null && seen.last().rows().equals(rows));
    assertThat(seen.elements(), hasItem(seen.last()));
  }

  /** The attempted value so far of one of the rule poller's counters (README, "Metrics"). */
  private static long pollerCounter(PipelineResult result, String name) {
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(PollRuleTableFn.class, name))
                    .build());
    long total = 0;
    for (MetricResult<Long> counter : metrics.getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }

  private static void cancel(PipelineResult result) {
    try {
      result.cancel();
    } catch (java.io.IOException | UnsupportedOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
