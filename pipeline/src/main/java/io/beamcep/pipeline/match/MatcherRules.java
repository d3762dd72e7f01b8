package io.beamcep.pipeline.match;

import io.beamcep.pipeline.rules.RuleSet;
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
 * of the transform last compiled in this JVM ({@link RuleCache}).
 */
final class MatcherRules implements Serializable {
  private final String transformId;
  private final PCollectionView<RuleSet> view;
  private final CepMatchConfig config;
  private transient CompiledRuleSet used;
  private transient boolean readInBundle;

  MatcherRules(String transformId, PCollectionView<RuleSet> view, CepMatchConfig config) {
    this.transformId = transformId;
    this.view = view;
    this.config = config;
  }

  /** Call from the DoFn's {@code @StartBundle}. */
  void startBundle() {
    readInBundle = false;
  }

  /** The rules for an element: the side input, read at the bundle's first element. */
  CompiledRuleSet forElement(DoFn<?, ?>.ProcessContext context) {
    if (!readInBundle) {
      used = RuleCache.current(used, transformId, context.sideInput(view), config);
      readInBundle = true;
    }
    return used;
  }

  /**
   * The rules for a timer, or null when no element has brought any into this JVM yet (e.g. just
   * restored from a savepoint).
   */
  CompiledRuleSet forTimer() {
    CompiledRuleSet shared = RuleCache.latest(transformId);
    return shared != null ? shared : used;
  }
}
