package io.beamcep.patterns.synthetic;

import java.util.SplittableRandom;

/**
 * Picks the user of the next event from a Zipf-Mandelbrot law: user of rank r (0-based) is chosen
 * with weight {@code 1 / (r + 1 + OFFSET)^skew}. The offset flattens the very top so no single
 * user dominates, while the top 1% still produce a large share of all events, as in real click
 * streams. Sampling uses Vose's alias table: O(1) per draw, O(users) memory.
 */
final class UserSampler {
  static final double OFFSET = 20;

  private final double[] keep;
  private final int[] alias;

  UserSampler(int users, double skew) {
    double[] weight = new double[users];
    double sum = 0;
    for (int r = 0; r < users; r++) {
      weight[r] = Math.pow(r + 1 + OFFSET, -skew);
      sum += weight[r];
    }
    keep = new double[users];
    alias = new int[users];
    int[] small = new int[users];
    int[] large = new int[users];
    int smallCount = 0;
    int largeCount = 0;
    for (int r = 0; r < users; r++) {
      weight[r] = weight[r] * users / sum; // mean 1
      if (weight[r] < 1) {
        small[smallCount++] = r;
      } else {
        large[largeCount++] = r;
      }
    }
    while (smallCount > 0 && largeCount > 0) {
      int less = small[--smallCount];
      int more = large[--largeCount];
      keep[less] = weight[less];
      alias[less] = more;
      weight[more] = weight[more] + weight[less] - 1;
      if (weight[more] < 1) {
        small[smallCount++] = more;
      } else {
        large[largeCount++] = more;
      }
    }
    // Whatever is left has weight 1 up to rounding: always keep it.
    while (largeCount > 0) {
      keep[large[--largeCount]] = 1;
    }
    while (smallCount > 0) {
      keep[small[--smallCount]] = 1;
    }
  }

  int users() {
    return keep.length;
  }

  int next(SplittableRandom random) {
    // One uniform draw gives both the column (integer part) and the coin (fraction).
    double scaled = random.nextDouble() * keep.length;
    int column = Math.min((int) scaled, keep.length - 1);
    return scaled - column < keep[column] ? column : alias[column];
  }
}
