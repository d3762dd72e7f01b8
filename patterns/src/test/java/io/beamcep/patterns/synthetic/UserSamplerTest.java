package io.beamcep.patterns.synthetic;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The alias table draws users with exactly the Zipf-Mandelbrot weights. */
class UserSamplerTest {

  @Test
  void drawFrequenciesMatchTheWeights() {
    int users = 7;
    double skew = 1.5;
    UserSampler sampler = new UserSampler(users, skew);
    int draws = 700_000;
    long[] counts = new long[users];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < draws; i++) {
      counts[sampler.next(random)]++;
    }
    double total = 0;
    for (int r = 0; r < users; r++) {
      total += Math.pow(r + 1 + UserSampler.OFFSET, -skew);
    }
    for (int r = 0; r < users; r++) {
      double expected = Math.pow(r + 1 + UserSampler.OFFSET, -skew) / total;
      assertThat("share of user rank " + r, (double) counts[r] / draws, closeTo(expected, 0.003));
    }
  }

  @Test
  void skewZeroIsUniform() {
    UserSampler sampler = new UserSampler(4, 0);
    long[] counts = new long[4];
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < 400_000; i++) {
      counts[sampler.next(random)]++;
    }
    for (long count : counts) {
      assertThat((double) count / 400_000, closeTo(0.25, 0.003));
    }
  }

  @Test
  void aSingleUserIsAlwaysDrawn() {
    UserSampler sampler = new UserSampler(1, 1.0);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 1_000; i++) {
      assertThat((double) sampler.next(random), closeTo(0, 0));
    }
  }
}
