package io.beamcep.pipeline.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At every tick reads the whole rule table and emits the active rules when they changed (and at
 * the first good poll), plus the errors not reported at the previous poll. A failed read emits
 * nothing: the last good rule set stays active and the next tick retries.
 *
 * <p>The memory of the previous poll lives in the DoFn instance. The ticks form a single stream,
 * so one instance sees them all; after a restart a fresh instance simply re-emits the current set.
 */
final class PollRuleTableFn extends DoFn<Instant, RuleSet> {
  private static final Logger LOG = LoggerFactory.getLogger(PollRuleTableFn.class);

  private final RuleTable table;
  private final RuleValidator validator;
  private final TupleTag<RuleError> errorTag;
  private final Counter pollFailures = Metrics.counter(PollRuleTableFn.class, "rulePollFailures");
  private final Counter ruleErrors = Metrics.counter(PollRuleTableFn.class, "ruleErrors");
  private final Counter ruleSetChanges = Metrics.counter(PollRuleTableFn.class, "ruleSetChanges");

  private transient List<RuleRow> lastActive;
  private transient Set<RuleError> lastErrors;
  private transient long lastGeneration;

  PollRuleTableFn(RuleTable table, RuleValidator validator, TupleTag<RuleError> errorTag) {
    this.table = table;
    this.validator = validator;
    this.errorTag = errorTag;
  }

  @Setup
  public void setup() {
    lastActive = null;
    lastErrors = Set.of();
    lastGeneration = 0;
  }

  @ProcessElement
  public void poll(ProcessContext context) {
    List<RuleRow> rows;
    try {
      rows = table.readAll();
    } catch (Exception e) {
      pollFailures.inc();
      LOG.warn("cannot read rule table {}; keeping the last good rules: {}", table, e.toString());
      return;
    }
    ActiveRules.Selection selection = ActiveRules.select(rows, validator);
    Set<RuleError> errors = new HashSet<>(selection.errors());
    for (RuleError error : selection.errors()) {
      if (!lastErrors.contains(error)) {
        ruleErrors.inc();
        LOG.warn("rule not active: {}", error);
        context.output(errorTag, error);
      }
    }
    lastErrors = errors;
    if (!selection.active().equals(lastActive)) {
      // Wall-clock millis, so generations keep increasing across restarts of this DoFn.
      long generation = Math.max(lastGeneration + 1, System.currentTimeMillis());
      lastGeneration = generation;
      lastActive = selection.active();
      ruleSetChanges.inc();
      LOG.info("active rules from {} (generation {}): {}", table, generation, describe(lastActive));
      context.output(new RuleSet(generation, lastActive));
    }
  }

  private static String describe(List<RuleRow> rows) {
    StringBuilder text = new StringBuilder();
    for (RuleRow row : rows) {
      text.append(text.length() == 0 ? "" : ", ").append(row.id()).append(" v").append(row.version());
    }
    return text.length() == 0 ? "(none)" : text.toString();
  }
}
