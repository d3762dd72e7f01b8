package io.beamcep.pipeline.match;

import io.beamcep.pipeline.rules.RuleSet;
import io.beamcep.pipeline.rules.RuleSource;
import java.io.Serializable;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The compiled rules one matcher DoFn instance matches with, shared by the event-time and the
 * processing-time matcher.
 *
 * <p>Elements read the rules side input once per bundle, not per element: Beam's Flink runner
 * builds the view on every {@code sideInput()} call (8 % of the matcher thread at 1,000
 * events/s). A rule change therefore applies from the next bundle on (bundles last at most
 * maxBundleTimeMills). Timers cannot read side inputs at all, so they take the rules any instance
 * of the transform last compiled in this JVM ({@link RuleCache}); before any instance has, as
 * just after a restore, or when no element brought the side input for a while, they read the
 * rules from their source ({@link RuleSource}) when there is one.
 */
final class MatcherRules implements Serializable {
  private final String transformId;
  private final PCollectionView<RuleSet> view;
  private final CepMatchConfig config;
  /** Null: a timer before any element waits for one. */
  private final RuleSource forTimers;
  private transient CompiledRuleSet used;
  private transient boolean readInBundle;

  MatcherRules(String transformId, PCollectionView<RuleSet> view, CepMatchConfig config,
      RuleSource forTimers) {
    this.transformId = transformId;
    this.view = view;
    this.config = config;
    this.forTimers = forTimers;
  }

  /** Call from the DoFn's {@code @StartBundle}. */
  void startBundle() {
    readInBundle = false;
  }

  /** The rules for an element: the side input, read at the bundle's first element. */
  CompiledRuleSet forElement(DoFn<?, ?>.ProcessContext context) {
    if (!readInBundle) {
      used = RuleCache.current(
          transformId, context.sideInput(view), config, System.currentTimeMillis());
      readInBundle = true;
    }
    return used;
  }

  /**
   * The rules for a timer: those last compiled in this JVM, or read from the rule source when
   * there are none yet (e.g. just restored from a savepoint) or no element brought any for a
   * while; null when there are none and no source, or it could not be read (see {@link
   * RuleCache#forTimers}).
   */
  CompiledRuleSet forTimer() {
    return forTimer(System.currentTimeMillis());
  }

  /** {@link #forTimer()} at {@code nowMillis} (wall clock). */
  CompiledRuleSet forTimer(long nowMillis) {
    return RuleCache.forTimers(transformId, forTimers, config, nowMillis);
  }
}
