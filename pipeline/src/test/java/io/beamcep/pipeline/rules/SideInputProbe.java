package io.beamcep.pipeline.rules;

import io.beamcep.pipeline.testing.Collected;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollectionView;
import org.joda.time.Duration;

/**
 * What a main input sees of the rules side input: a main input ticking at a fixed interval records
 * the side input's value at each tick, collected in this JVM. The ticks are an unbounded sequence,
 * which runs on the FlinkRunner without checkpoints too (unlike {@code PeriodicImpulse}, see
 * {@link JdbcRules}).
 */
final class SideInputProbe {
  private SideInputProbe() {}

  static Collected<RuleSet> readEvery(
      Duration interval, Pipeline pipeline, PCollectionView<RuleSet> view) {
    return Collected.from(pipeline
        .apply("MainTicks", GenerateSequence.from(0).withRate(1, interval))
        .apply(
            "ReadSideInput",
            ParDo.of(
                    new DoFn<Long, RuleSet>() {
                      @ProcessElement
                      public void read(ProcessContext context) {
                        context.output(context.sideInput(view));
                      }
                    })
                .withSideInputs(view))
        .setCoder(SerializableCoder.of(RuleSet.class)), "Seen");
  }
}
