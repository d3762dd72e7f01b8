package io.beamcep.patterns.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Version numbers behave as Flink's DeweyNumber over their digits, whichever form holds them
 * (packed into fields, or an array for long numbers and digits above 255).
 */
class DeweyNumberTest {

  /** Flink's DeweyNumber.isCompatibleWith, written over plain digit arrays. */
  private static boolean flinkCompatible(int[] self, int[] other) {
    if (self.length > other.length) {
      for (int i = 0; i < other.length; i++) {
        if (other[i] != self[i]) {
          return false;
        }
      }
      return true;
    } else if (self.length == other.length) {
      int last = self.length - 1;
      for (int i = 0; i < last; i++) {
        if (other[i] != self[i]) {
          return false;
        }
      }
      return self[last] >= other[last];
    }
    return false;
  }

  private static int[] digitsOf(DeweyNumber number) {
    int[] digits = new int[number.length];
    for (int i = 0; i < digits.length; i++) {
      digits[i] = number.digit(i);
    }
    return digits;
  }

  /** Digits drawn from few values, so prefixes often agree; some above a packed digit's range. */
  private static int[] randomDigits(SplittableRandom random) {
    int[] digits = new int[1 + random.nextInt(12)];
    for (int i = 0; i < digits.length; i++) {
      int pick = random.nextInt(10);
      digits[i] = pick < 7 ? random.nextInt(3) : pick < 9 ? 254 + random.nextInt(3) : 70_000;
    }
    return digits;
  }

  @Test
  void compatibilityIsFlinksOverEveryPairOfForms() {
    SplittableRandom random = new SplittableRandom(7);
    int compatible = 0;
    for (int i = 0; i < 200_000; i++) {
      int[] a = randomDigits(random);
      int[] b = random.nextInt(3) == 0 ? a.clone() : randomDigits(random);
      if (random.nextBoolean() && b.length > 1) {
        a = Arrays.copyOf(b, b.length + random.nextInt(3)); // an extension of b
      }
      DeweyNumber x = DeweyNumber.of(a.clone());
      DeweyNumber y = DeweyNumber.of(b.clone());
      boolean expected = flinkCompatible(a, b);
      assertThat(Arrays.toString(a) + " compatible with " + Arrays.toString(b),
          x.isCompatibleWith(y), is(expected));
      if (expected) {
        compatible++;
        assertThat(x.mayBeCompatible(y.head()), is(true));
      }
    }
    assertThat("the draw must exercise both outcomes", compatible > 20_000, is(true));
  }

  @Test
  void numbersGrownByIncreaseAndAddStageEqualTheSameDigitsGivenAtOnce() {
    SplittableRandom random = new SplittableRandom(11);
    for (int run = 0; run < 2_000; run++) {
      DeweyNumber number = new DeweyNumber(1 + random.nextInt(300));
      int[] digits = {number.first};
      for (int step = 0; step < 14; step++) {
        DeweyNumber next;
        if (random.nextBoolean()) {
          int times = random.nextInt(4) == 0 ? 200 : random.nextInt(3);
          next = number.increase(times);
          digits = digits.clone();
          digits[digits.length - 1] += times;
        } else {
          next = number.addStage();
          digits = Arrays.copyOf(digits, digits.length + 1);
          assertThat("a new stage descends from its parent", next.isCompatibleWith(number),
              is(true));
        }
        number = next;
        DeweyNumber given = DeweyNumber.of(digits.clone());
        assertThat(digitsOf(number), equalTo(digits));
        assertThat(number, equalTo(given));
        assertThat(number.hashCode(), equalTo(given.hashCode()));
        assertThat(number.hashCode(), equalTo(Arrays.hashCode(digits)));
      }
    }
  }

  @Test
  void aDigitPastTheByteRangeMovesToTheArrayFormAndStillCompares() {
    DeweyNumber stage = new DeweyNumber(3).addStage().addStage(); // 3.0.0
    DeweyNumber big = stage.increase(255).increase(1); // 3.0.256
    assertThat(big.toString(), equalTo("3.0.256"));
    assertThat(big, equalTo(DeweyNumber.of(new int[] {3, 0, 256})));
    assertThat(big, not(equalTo(stage.increase(255))));
    assertThat(big.isCompatibleWith(stage.increase(255)), is(true)); // later sibling
    assertThat(stage.increase(255).isCompatibleWith(big), is(false));
    assertThat(big.addStage().isCompatibleWith(big), is(true));
    assertThat(big.addStage().isCompatibleWith(stage.increase(255)), is(false));
  }

  @Test
  void aNumberLongerThanNineDigitsKeepsEveryDigit() {
    DeweyNumber number = new DeweyNumber(2);
    for (int i = 0; i < 11; i++) {
      number = number.addStage().increase(i % 3);
    }
    assertThat(number.toString(), equalTo("2.0.1.2.0.1.2.0.1.2.0.1"));
    assertThat(number.length, equalTo(12));
    assertThat(number, equalTo(DeweyNumber.of(new int[] {2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1})));
  }
}
