package io.beamcep.patterns.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The sign test that says whether paired passes split unevenly enough to mean anything. */
class PairedPassesTest {

  @Test
  void anEvenSplitMeansNothing() {
    assertEquals(1.0, PairedPasses.signTest(10, 20), 1e-12);
    assertEquals(1.0, PairedPasses.signTest(7, 14), 1e-12);
  }

  @Test
  void unevenSplitsGetTheBinomialTailOnBothSides() {
    assertEquals(2.0 / 1024, PairedPasses.signTest(0, 10), 1e-12);
    assertEquals(2.0 / 1024, PairedPasses.signTest(10, 10), 1e-12);
    assertEquals(2.0 * (1 + 10 + 45) / 1024, PairedPasses.signTest(2, 10), 1e-12);
    assertEquals(2.0 * (1 + 20 + 190 + 1140 + 4845 + 15504) / (1 << 20),
        PairedPasses.signTest(15, 20), 1e-12);
  }
}
