package io.beamcep.patterns.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Version numbers read from old key state follow the edges Flink's own DeweyNumber would. */
class DeweyNumberTest {

  private static org.apache.flink.cep.nfa.DeweyNumber flinks(int[] digits) {
    return org.apache.flink.cep.nfa.DeweyNumber.fromString(
        Arrays.stream(digits).mapToObj(Integer::toString).collect(Collectors.joining(".")));
  }

  /** Digits drawn from few values, so prefixes often agree; some large ones too. */
  private static int[] randomDigits(SplittableRandom random) {
    int[] digits = new int[1 + random.nextInt(12)];
    for (int i = 0; i < digits.length; i++) {
      int pick = random.nextInt(10);
      digits[i] = pick < 7 ? random.nextInt(3) : pick < 9 ? 254 + random.nextInt(3) : 70_000;
    }
    return digits;
  }

  @Test
  void compatibilityIsFlinksOverRandomPairs() {
    SplittableRandom random = new SplittableRandom(7);
    int compatible = 0;
    for (int i = 0; i < 100_000; i++) {
      int[] a = randomDigits(random);
      int[] b = random.nextInt(3) == 0 ? a.clone() : randomDigits(random);
      if (random.nextBoolean() && b.length > 1) {
        a = Arrays.copyOf(b, b.length + random.nextInt(3)); // an extension of b
      }
      boolean expected = flinks(a).isCompatibleWith(flinks(b));
      assertThat(Arrays.toString(a) + " compatible with " + Arrays.toString(b),
          DeweyNumber.of(a.clone()).isCompatibleWith(DeweyNumber.of(b.clone())), is(expected));
      compatible += expected ? 1 : 0;
    }
    // both outcomes must be common, or the comparison proves little
    assertThat(compatible > 20_000 && compatible < 80_000, is(true));
  }

  @Test
  void equalDigitsAreEqualNumbers() {
    assertThat(DeweyNumber.of(new int[] {1, 0, 2}), equalTo(DeweyNumber.of(new int[] {1, 0, 2})));
    assertThat(DeweyNumber.of(new int[] {1, 0, 2}).hashCode(),
        equalTo(DeweyNumber.of(new int[] {1, 0, 2}).hashCode()));
    assertThat(DeweyNumber.of(new int[] {1, 0, 2}), not(equalTo(DeweyNumber.of(new int[] {1, 0}))));
    assertThat(DeweyNumber.of(new int[] {1, 0, 2}).toString(), equalTo("1.0.2"));
  }

  @Test
  void aNumberHasDigits() {
    assertThrows(IllegalArgumentException.class, () -> DeweyNumber.of(new int[0]));
  }
}
