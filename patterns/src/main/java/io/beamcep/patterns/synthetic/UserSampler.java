package io.beamcep.patterns.synthetic;

import java.util.SplittableRandom;

/**
 * Picks the user of the next event from a Zipf-Mandelbrot law: user of rank r (0-based) is chosen
 * with weight {@code 1 / (r + 1 + OFFSET)^skew}. The offset flattens the very top so no single
 * user dominates, while the top 1% still produce a large share of all events, as in real click
 * streams. Sampling is a binary search over the cumulative weights (O(users) memory).
 */
final class UserSampler {
  static final double OFFSET = 20;

  private final double[] cumulative;

  UserSampler(int users, double skew) {
    cumulative = new double[users];
    double sum = 0;
    for (int r = 0; r < users; r++) {
      sum += Math.pow(r + 1 + OFFSET, -skew);
      cumulative[r] = sum;
    }
  }

  int users() {
    return cumulative.length;
  }

  int next(SplittableRandom random) {
    double target = random.nextDouble() * cumulative[cumulative.length - 1];
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulative[mid] <= target) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
