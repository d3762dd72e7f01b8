package io.beamcep.runners.bench.latency;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

  @Test
  void nearestRankPercentilesAreObservedValues() {
    long[] micros = new long[1000];
    for (int i = 0; i < micros.length; i++) {
      micros[i] = (999 - i) * 10L; // descending: the stats must sort
    }

    LatencyStats stats = LatencyStats.of(micros);

    assertThat(stats, equalTo(new LatencyStats(1000, 4990, 8990, 9890, 9980, 9990, 0)));
  }

  @Test
  void noLatenciesGiveAnEmptyCount() {
    assertThat(LatencyStats.of(new long[0]).count(), equalTo(0L));
  }
}
