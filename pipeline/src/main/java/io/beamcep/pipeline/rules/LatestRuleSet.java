package io.beamcep.pipeline.rules;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Keeps the rule set with the highest generation. Makes the side input a true singleton even when
 * a trigger pane carries several polls (the failure mode "more than one element accessed as a
 * singleton" of triggered side inputs on Flink).
 */
final class LatestRuleSet extends Combine.CombineFn<RuleSet, RuleSet, RuleSet> {
  @Override
  public RuleSet createAccumulator() {
    return RuleSet.empty();
  }

  @Override
  public RuleSet addInput(RuleSet latest, RuleSet input) {
    return input.generation() >= latest.generation() ? input : latest;
  }

  @Override
  public RuleSet mergeAccumulators(Iterable<RuleSet> accumulators) {
    RuleSet latest = RuleSet.empty();
    for (RuleSet candidate : accumulators) {
      latest = addInput(latest, candidate);
    }
    return latest;
  }

  @Override
  public RuleSet extractOutput(RuleSet latest) {
    return latest;
  }

  @Override
  public Coder<RuleSet> getAccumulatorCoder(CoderRegistry registry, Coder<RuleSet> inputCoder) {
    return SerializableCoder.of(RuleSet.class);
  }

  @Override
  public Coder<RuleSet> getDefaultOutputCoder(CoderRegistry registry, Coder<RuleSet> inputCoder) {
    return SerializableCoder.of(RuleSet.class);
  }
}
