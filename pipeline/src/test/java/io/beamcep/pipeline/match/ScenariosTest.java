package io.beamcep.pipeline.match;

import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The five reference scenarios on the DirectRunner give exactly Flink CEP 1.19's matches. */
@ExtendWith(TestPipelineExtension.class)
class ScenariosTest {

  @Test
  void allFiveScenariosGiveTheExpectedMatches(TestPipeline pipeline) {
    for (int scenario = 1; scenario <= 5; scenario++) {
      ScenarioRun.assertScenario(pipeline, scenario);
    }
    pipeline.run().waitUntilFinish();
  }
}
