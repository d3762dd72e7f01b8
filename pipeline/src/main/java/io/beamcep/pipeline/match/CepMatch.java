package io.beamcep.pipeline.match;

import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertCoder;
import io.beamcep.pipeline.event.EventCoder;
import io.beamcep.pipeline.rules.RuleSet;
import io.beamcep.pipeline.rules.RuleSource;
import io.beamcep.pipeline.rules.RulesResult;
import java.util.Objects;
import java.util.UUID;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Matches keyed events against the rules of a side input, per key, with Flink CEP 1.19 semantics.
 *
 * <pre>{@code
 * CepMatchResult result = events.apply(CepMatch.with(rulesView, CepMatchConfig.defaults()));
 * result.alerts();     // matches
 * result.timeouts();   // timed-out partial matches of rules that want them
 * result.lateEvents(); // events behind what their key already matched
 * }</pre>
 *
 * The input needs a deterministic key coder, e.g. {@code KvCoder.of(StringUtf8Coder.of(),
 * EventCoder.of())} as {@code ParseEvents} sets. The rules side input must be a singleton {@link
 * RuleSet} (global window, latest value); events that arrive before it are held back by the runner
 * and matched once it is ready. Rule changes apply from the next bundle of events (or timer) on: a
 * rule version new to a key starts with no partial match, the partial matches of versions no longer
 * active are dropped, other rules keep their state.
 */
public final class CepMatch extends PTransform<PCollection<KV<String, Event>>, CepMatchResult> {
  /** Namespace of the matcher's metrics. */
  public static final String METRICS_NAMESPACE = "beamcep.match";
  /**
   * How the counter of a rule version's condition tests that failed at run time is named: this,
   * the rule's id, {@code _v} and its version ({@code condition_errors_<id>_v<n>}).
   */
  public static final String CONDITION_ERRORS = "condition_errors_";
  /** The counter of a rule version's partial matches dropped over the limit, named likewise. */
  public static final String PARTIAL_MATCHES_DROPPED = "partial_matches_dropped_";

  static final TupleTag<Alert> ALERTS = new TupleTag<Alert>("alerts") {};
  static final TupleTag<Alert> TIMEOUTS = new TupleTag<Alert>("timeouts") {};
  static final TupleTag<KV<String, Event>> LATE_EVENTS =
      new TupleTag<KV<String, Event>>("lateEvents") {};

  private final PCollectionView<RuleSet> rules;
  private final CepMatchConfig config;
  /** Where timers read the rules before an element brought them; null: they wait for one. */
  private final RuleSource forTimers;

  private CepMatch(PCollectionView<RuleSet> rules, CepMatchConfig config, RuleSource forTimers) {
    this.rules = Objects.requireNonNull(rules, "rules side input (CepMatch.with(view, config))");
    this.config = Objects.requireNonNull(config, "config");
    this.forTimers = forTimers;
  }

  /**
   * Matching against the rules of {@code rules}: the side input, and the same rules read directly
   * ({@link RulesResult#forTimers()}) by a timer that fires before any element has brought the
   * side input into its worker, as after a restore.
   */
  public static CepMatch with(RulesResult rules, CepMatchConfig config) {
    return new CepMatch(rules.view(), config, rules.forTimers());
  }

  /**
   * Matching against the rules side input {@code rules} alone: after a restore, a worker's timers
   * wait (retrying each second) until an element has brought the side input into it.
   */
  public static CepMatch with(PCollectionView<RuleSet> rules, CepMatchConfig config) {
    return new CepMatch(rules, config, null);
  }

  @Override
  public CepMatchResult expand(PCollection<KV<String, Event>> events) {
    // Identifies this transform's compiled-rules cache in each worker JVM (see RuleCache).
    String transformId = UUID.randomUUID().toString();
    MatcherRules matcherRules = new MatcherRules(transformId, rules, config, forTimers);
    DoFn<KV<String, Event>, Alert> matcher =
        config.timeMode() == TimeMode.EVENT_TIME
            ? new MatcherDoFn(matcherRules, config)
            : new ProcessingTimeMatcherDoFn(matcherRules);
    PCollectionTuple outputs =
        events.apply(
                "Match",
                ParDo.of(matcher)
                    .withSideInputs(rules)
                    .withOutputTags(ALERTS, TupleTagList.of(TIMEOUTS).and(LATE_EVENTS)));
    outputs.get(ALERTS).setCoder(AlertCoder.of());
    outputs.get(TIMEOUTS).setCoder(AlertCoder.of());
    outputs.get(LATE_EVENTS).setCoder(KvCoder.of(StringUtf8Coder.of(), EventCoder.of()));
    return new CepMatchResult(outputs);
  }
}
