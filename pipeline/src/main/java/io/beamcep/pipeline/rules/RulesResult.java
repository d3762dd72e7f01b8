package io.beamcep.pipeline.rules;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What a rule source produces: the active rules as a singleton side input, and the rows that could
 * not be activated.
 */
public final class RulesResult implements POutput {
  private static final TupleTag<RuleSet> RULES = new TupleTag<>("rules") {};
  private static final TupleTag<RuleError> ERRORS = new TupleTag<>("ruleErrors") {};

  private final Pipeline pipeline;
  private final PCollection<RuleSet> ruleSets;
  private final PCollectionView<RuleSet> view;
  private final PCollection<RuleError> errors;
  private final RuleSource forTimers;

  RulesResult(
      Pipeline pipeline,
      PCollection<RuleSet> ruleSets,
      PCollectionView<RuleSet> view,
      PCollection<RuleError> errors,
      RuleSource forTimers) {
    this.pipeline = pipeline;
    this.ruleSets = ruleSets;
    this.view = view;
    this.errors = errors;
    this.forTimers = forTimers;
  }

  /** The active rules; main inputs wait for the first value. */
  public PCollectionView<RuleSet> view() {
    return view;
  }

  /**
   * Where a matcher's timers read the rules themselves when no element has brought the side input
   * into their worker yet (see {@link RuleSource}): the same rules, from the same place.
   */
  public RuleSource forTimers() {
    return forTimers;
  }

  /** Every change of the active rules, as it happens (for logging and tests). */
  public PCollection<RuleSet> ruleSets() {
    return ruleSets;
  }

  /** Rows that were refused, reported once per change of the table's errors. */
  public PCollection<RuleError> errors() {
    return errors;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(RULES, ruleSets, ERRORS, errors);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName,
      PInput input,
      org.apache.beam.sdk.transforms.PTransform<?, ?> transform) {}
}
