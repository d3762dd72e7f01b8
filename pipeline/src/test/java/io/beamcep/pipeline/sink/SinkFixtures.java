package io.beamcep.pipeline.sink;

import io.beamcep.pipeline.alert.Alert;

/** Test alerts for sink tests outside this package. */
public final class SinkFixtures {
  private SinkFixtures() {}

  public static Alert alert(String user, long firstId) {
    return TestAlerts.viewPair(user, firstId, 1577836860000L + firstId * 1000);
  }
}
