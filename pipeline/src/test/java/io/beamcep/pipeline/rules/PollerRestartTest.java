package io.beamcep.pipeline.rules;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.beamcep.pipeline.testing.Databases;
import io.beamcep.pipeline.testing.Databases.RuleTableFixture;
import io.beamcep.pipeline.testing.Scenarios;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The rule poller across a restart: its keyed state comes back from the savepoint, the job's
 * side input may not (operators Flink dropped), so the first good poll of a new start announces
 * the unchanged rules once more. Each poller below is a start; the states are what a savepoint
 * carries from one to the next.
 */
class PollerRestartTest {
  private static final String GOOD = Scenarios.patternText(1);
  private static final String FN = Scenarios.function(1);

  private final Value<RuleSet> active = new Value<>();
  private final Value<ArrayList<RuleError>> errors = new Value<>();
  private final Value<String> announcedBy = new Value<>();

  @Test
  void aRestartedPollerAnnouncesTheUnchangedRulesOnceUnderTheSameGeneration() {
    try (RuleTableFixture table = Databases.H2.newRuleTable("restart_rules")) {
      table.insert("a", 1, GOOD, FN);
      PollRuleTableFn firstStart = poller(table, "first start");
      List<RuleSet> announced = poll(firstStart);
      assertThat(announced, hasSize(1));
      assertThat(poll(firstStart), empty());

      PollRuleTableFn secondStart = poller(table, "second start");
      List<RuleSet> again = poll(secondStart);

      assertThat(again, hasSize(1));
      assertThat(again.get(0).rows(), contains(new RuleRow("a", 1, GOOD, FN)));
      assertThat(again.get(0).generation(), equalTo(announced.get(0).generation()));
      assertThat("once per start", poll(secondStart), empty());
    }
  }

  @Test
  void aChangeAtTheFirstPollOfAStartIsAnnouncedOnceAsAChange() {
    try (RuleTableFixture table = Databases.H2.newRuleTable("restart_rules")) {
      table.insert("a", 1, GOOD, FN);
      RuleSet before = poll(poller(table, "first start")).get(0);
      table.insert("b", 1, GOOD, FN);

      PollRuleTableFn secondStart = poller(table, "second start");
      List<RuleSet> changed = poll(secondStart);

      assertThat(changed, hasSize(1));
      assertThat(changed.get(0).rows(), hasSize(2));
      assertThat(changed.get(0).generation() > before.generation(), equalTo(true));
      assertThat(poll(secondStart), empty());
    }
  }

  @Test
  void aStartWhoseFirstPollsFailAnnouncesAtItsFirstGoodPoll() {
    RuleTableFixture table = Databases.H2.newRuleTable("restart_rules");
    String name = table.name();
    table.insert("a", 1, GOOD, FN);
    poll(poller(table, "first start"));
    table.close(); // dropped: the database is down when the job comes back

    PollRuleTableFn secondStart = poller(table, "second start");
    assertThat(poll(secondStart), empty());
    try (RuleTableFixture back = Databases.H2.createRuleTable(name)) {
      back.insert("a", 1, GOOD, FN);

      assertThat(poll(secondStart), hasSize(1));
      assertThat(poll(secondStart), empty());
    }
  }

  private static PollRuleTableFn poller(RuleTableFixture table, String start) {
    return new PollRuleTableFn(table.source(), RuleValidator.engine(), new TupleTag<>() {}, start);
  }

  /** One tick: what the poller emitted on its main output. */
  private List<RuleSet> poll(PollRuleTableFn poller) {
    Tick tick = new Tick(poller);
    poller.poll(tick, active, errors, announcedBy);
    return tick.ruleSets;
  }

  /** A value state as a runner keeps it for the poller's one key. */
  private static final class Value<T> implements ValueState<T> {
    private T value;

    @Override
    public void write(T input) {
      value = input;
    }

    @Override
    public T read() {
      return value;
    }

    @Override
    public ValueState<T> readLater() {
      return this;
    }

    @Override
    public void clear() {
      value = null;
    }
  }

  /** The context of one tick: collects the rule sets emitted. */
  private static final class Tick extends DoFn<KV<String, Long>, RuleSet>.ProcessContext {
    final List<RuleSet> ruleSets = new ArrayList<>();

    Tick(PollRuleTableFn poller) {
      poller.super();
    }

    @Override
    public void output(RuleSet output) {
      ruleSets.add(output);
    }

    @Override
    public <T> void output(TupleTag<T> tag, T output) {
      // rule errors: not what these tests are about
    }

    @Override
    public KV<String, Long> element() {
      return KV.of("rules", 0L);
    }

    @Override
    public <T> T sideInput(PCollectionView<T> view) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant timestamp() {
      return Instant.EPOCH;
    }

    @Override
    public PaneInfo pane() {
      return PaneInfo.NO_FIRING;
    }

    @Override
    public String currentRecordId() {
      return null;
    }

    @Override
    public Long currentRecordOffset() {
      return null;
    }

    @Override
    public PipelineOptions getPipelineOptions() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void outputWithTimestamp(RuleSet output, Instant timestamp) {
      output(output);
    }

    @Override
    public void outputWindowedValue(RuleSet output, Instant timestamp,
        Collection<? extends BoundedWindow> windows, PaneInfo paneInfo) {
      output(output);
    }

    @Override
    public <T> void outputWithTimestamp(TupleTag<T> tag, T output, Instant timestamp) {
      output(tag, output);
    }

    @Override
    public <T> void outputWindowedValue(TupleTag<T> tag, T output, Instant timestamp,
        Collection<? extends BoundedWindow> windows, PaneInfo paneInfo) {
      output(tag, output);
    }
  }
}
