package io.beamcep.pipeline.rules;

import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;

/**
 * The rules side input, re-read from a database table at a fixed interval, so that rules can be
 * added, changed and removed while the job runs.
 *
 * <p>Shape (the one that is reliable on Flink streaming): a rate-limited unbounded sequence as the
 * clock, a DoFn reading the whole table, then every pane reduced to its latest rule set and viewed
 * as a singleton. Main inputs wait until the first poll succeeded.
 *
 * <p>The clock is an unbounded source, not {@code PeriodicImpulse}: on the FlinkRunner without
 * checkpointing, {@code PeriodicImpulse}'s bounded impulse source finishes at once, and the
 * finishing splittable DoFn then fires its resume timer in a loop that never ends. That spun a
 * core per job and made the job impossible to cancel. A runner splits the sequence into one reader
 * per worker, but each reader takes every n-th number on the sequence's own schedule, so the
 * ticks of all readers together still come once per interval.
 */
public final class JdbcRules extends PTransform<PBegin, RulesResult> {
  /** The reference system polls every 3 s. */
  public static final Duration DEFAULT_INTERVAL = Duration.millis(3000);

  private final RuleTable table;
  private final Duration interval;
  private final RuleValidator validator;

  private JdbcRules(RuleTable table, Duration interval, RuleValidator validator) {
    this.table = Objects.requireNonNull(table, "table");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.validator = Objects.requireNonNull(validator, "validator");
    if (interval.getMillis() <= 0) {
      throw new IllegalArgumentException("rule poll interval must be positive, got " + interval);
    }
  }

  public static JdbcRules from(RuleTable table) {
    return new JdbcRules(table, DEFAULT_INTERVAL, RuleValidator.engine());
  }

  public JdbcRules withPollInterval(Duration pollInterval) {
    return new JdbcRules(table, pollInterval, validator);
  }

  /** Replaces the engine's check (tests of the polling itself, or stricter deployments). */
  public JdbcRules withValidator(RuleValidator otherValidator) {
    return new JdbcRules(table, interval, otherValidator);
  }

  @Override
  public RulesResult expand(PBegin input) {
    TupleTag<RuleSet> rulesTag = new TupleTag<>() {};
    TupleTag<RuleError> errorTag = new TupleTag<>() {};
    PCollectionTuple polled =
        input
            .apply("Tick", GenerateSequence.from(0).withRate(1, interval))
            // One constant key: the poller keeps the previous poll in keyed state.
            .apply("OneKey", WithKeys.of("rules"))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
            .apply(
                "ReadRuleTable",
                ParDo.of(new PollRuleTableFn(table, validator, errorTag))
                    .withOutputTags(rulesTag, TupleTagList.of(errorTag)));
    PCollection<RuleSet> ruleSets =
        polled.get(rulesTag).setCoder(SerializableCoder.of(RuleSet.class));
    PCollection<RuleError> errors =
        polled.get(errorTag).setCoder(SerializableCoder.of(RuleError.class));
    PCollectionView<RuleSet> view = latestAsSingleton(ruleSets);
    return new RulesResult(input.getPipeline(), ruleSets, view, errors,
        RuleSource.table(table, validator, interval));
  }

  /** Fires on every new rule set and keeps only the latest: an always-current singleton. */
  static PCollectionView<RuleSet> latestAsSingleton(PCollection<RuleSet> ruleSets) {
    return ruleSets
        .apply(
            "EveryChange",
            Window.<RuleSet>into(new GlobalWindows())
                .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
                .discardingFiredPanes())
        .apply("Latest", Combine.globally(new LatestRuleSet()).asSingletonView());
  }
}
