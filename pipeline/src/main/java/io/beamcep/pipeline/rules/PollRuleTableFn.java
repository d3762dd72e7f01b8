package io.beamcep.pipeline.rules;

import io.beamcep.patterns.model.RuleKey;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At every tick reads the whole rule table and emits the active rules when they changed (and at
 * the first good poll), plus the errors not reported at the previous poll. A failed read emits
 * nothing: the last good rule set stays active and the next tick retries.
 *
 * <p>The memory of the previous poll is keyed state under one constant key: every runner keeps
 * it across bundles, DoFn instances and (with checkpoints) restarts, and processes the ticks of
 * one key one at a time.
 *
 * <p>After a start from a savepoint or checkpoint the first good poll announces the rules again,
 * unchanged and under the same generation: the matcher's side input is state of other operators,
 * which the restored job may not have (Flink drops the state of operators a new job graph lacks
 * under {@code --allowNonRestoredState}, as when restoring a build before 915662a), and it would
 * otherwise wait for the table's next change. Announcing the same generation again changes
 * nothing where the side input did come back.
 */
final class PollRuleTableFn extends DoFn<KV<String, Long>, RuleSet> {
  private static final Logger LOG = LoggerFactory.getLogger(PollRuleTableFn.class);

  private final RuleTable table;
  private final RuleValidator validator;
  private final TupleTag<RuleError> errorTag;
  private final Counter pollFailures = Metrics.counter(PollRuleTableFn.class, "rulePollFailures");
  private final Counter ruleErrors = Metrics.counter(PollRuleTableFn.class, "ruleErrors");
  private final Counter ruleSetChanges = Metrics.counter(PollRuleTableFn.class, "ruleSetChanges");

  /**
   * Made anew in every class loader of this class, that is in every job and JVM: the poller keeps
   * the value of the start that last announced the rules, so another value means a start since.
   */
  private static final String THIS_START = UUID.randomUUID().toString();

  @StateId("announcedBy")
  private final StateSpec<ValueState<String>> announcedBySpec =
      StateSpecs.value(StringUtf8Coder.of());

  @StateId("active")
  private final StateSpec<ValueState<RuleSet>> activeSpec =
      StateSpecs.value(SerializableCoder.of(RuleSet.class));

  @SuppressWarnings("unchecked")
  @StateId("errors")
  private final StateSpec<ValueState<ArrayList<RuleError>>> errorsSpec =
      StateSpecs.value(
          SerializableCoder.of((Class<ArrayList<RuleError>>) (Class<?>) ArrayList.class));

  private final String start;

  PollRuleTableFn(RuleTable table, RuleValidator validator, TupleTag<RuleError> errorTag) {
    this(table, validator, errorTag, THIS_START);
  }

  /** A poller that takes {@code start} for its own start's value (tests of a restart). */
  PollRuleTableFn(
      RuleTable table, RuleValidator validator, TupleTag<RuleError> errorTag, String start) {
    this.table = table;
    this.validator = validator;
    this.errorTag = errorTag;
    this.start = start;
  }

  @ProcessElement
  public void poll(
      ProcessContext context,
      @StateId("active") ValueState<RuleSet> activeState,
      @StateId("errors") ValueState<ArrayList<RuleError>> errorsState,
      @StateId("announcedBy") ValueState<String> announcedBy) {
    List<RuleRow> rows;
    try {
      rows = table.readAll();
    } catch (Exception e) {
      pollFailures.inc();
      LOG.warn("cannot read rule table {}; keeping the last good rules: {}", table,
          e instanceof SQLException sql ? RuleTable.whyUnreadable(sql) : e.toString());
      return;
    }
    ActiveRules.Selection selection = ActiveRules.select(rows, validator);
    List<RuleError> reported = errorsState.read() == null ? List.of() : errorsState.read();
    java.util.Set<RuleError> lastErrors = new HashSet<>(reported);
    for (RuleError error : selection.errors()) {
      if (!lastErrors.contains(error)) {
        ruleErrors.inc();
        LOG.warn("rule not active: {}", error);
        context.output(errorTag, error);
      }
    }
    errorsState.write(new ArrayList<>(selection.errors()));
    RuleSet last = activeState.read();
    if (last == null || !selection.active().equals(last.rows())) {
      // Wall-clock millis, so generations also increase past a restart without state.
      long generation =
          Math.max(last == null ? 1 : last.generation() + 1, System.currentTimeMillis());
      RuleSet next = new RuleSet(generation, selection.active());
      if (last != null) {
        for (RuleRow row : editedInPlace(last.rows(), next.rows())) {
          LOG.warn("rule {} v{} in {} changed without a new version: keys go on with the partial "
              + "matches whose nodes the new pattern still has, and start it afresh where it has "
              + "not; a new version starts it afresh everywhere", row.id(), row.version(), table);
        }
      }
      activeState.write(next);
      announcedBy.write(start);
      ruleSetChanges.inc();
      LOG.info(
          "active rules from {} (generation {}): {}", table, generation, describe(next.rows()));
      context.output(next);
    } else if (!start.equals(announcedBy.read())) {
      announcedBy.write(start);
      LOG.info("active rules from {} (generation {}), again since the job started: {}", table,
          last.generation(), describe(last.rows()));
      context.output(last);
    }
  }

  /** The rows of {@code after} whose id and version {@code before} has with other contents. */
  static List<RuleRow> editedInPlace(List<RuleRow> before, List<RuleRow> after) {
    Map<RuleKey, RuleRow> earlier = new HashMap<>();
    for (RuleRow row : before) {
      earlier.put(new RuleKey(row.id(), row.version()), row);
    }
    List<RuleRow> edited = new ArrayList<>();
    for (RuleRow row : after) {
      RuleRow old = earlier.get(new RuleKey(row.id(), row.version()));
      if (old != null && !old.equals(row)) {
        edited.add(row);
      }
    }
    return edited;
  }

  private static String describe(List<RuleRow> rows) {
    StringBuilder text = new StringBuilder();
    for (RuleRow row : rows) {
      text.append(text.length() == 0 ? "" : ", ")
          .append(row.id())
          .append(" v")
          .append(row.version());
    }
    return text.length() == 0 ? "(none)" : text.toString();
  }
}
