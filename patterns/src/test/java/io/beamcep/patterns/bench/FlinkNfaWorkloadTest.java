package io.beamcep.patterns.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine-against-engine diagnostic ({@link FlinkNfaCost}) compares like with like only if
 * both engines find the same matches on the benchmark's stream: each seed rule alone, and all
 * five, over 20,000 synthetic events of 2,000 users. Not timed.
 */
class FlinkNfaWorkloadTest {
  private static final ClickStreamGenerator STREAM =
      ClickStreamGenerator.builder().seed(11).events(20_000).users(2_000).build();

  @ParameterizedTest(name = "seed rule {0} (0: all five)")
  @ValueSource(ints = {1, 2, 3, 4, 5, 0})
  void flinkNfaFindsAsManyMatchesAsOurEngine(int rule) throws Exception {
    List<CompiledRule> rules = SeedRules.compiled();
    if (rule > 0) {
      rules = List.of(rules.get(rule - 1));
    }

    long ours = new EngineWorkload(rules, STREAM).run().matches();
    long flink = new FlinkNfaWorkload(rules, STREAM).run().matches();

    assertThat(flink, equalTo(ours));
    assertThat(ours, greaterThan(0L)); // rule 4, the rarest, matches 83 times here
  }
}
