package io.beamcep.runners.bench.latency;

import java.util.Locale;

/**
 * What one latency run measured.
 *
 * @param latency alerts whose last event was sent in the measured period (the figure)
 * @param consumedInPeriod alerts consumed in the measured period, whatever their send time: equal
 *     to {@code latency} in distribution when the job keeps up, far higher when it falls behind
 * @param sentMeasured events sent during the measured period
 * @param sendRate events per second actually sent during the measured period
 * @param loadAverage the machine's 1-minute load average at the end of the run
 */
public record LatencyReport(
    LatencyStats latency,
    LatencyStats consumedInPeriod,
    long sentMeasured,
    double sendRate,
    long matchAlerts,
    long timeoutAlerts,
    long unknownAlerts,
    double loadAverage) {

  static final String CSV_HEADER =
      "rate,achieved_rate,alerts,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,consumed_p50_ms,"
          + "consumed_p99_ms,load,settings";

  String csv(LatencySettings settings) {
    return String.format(
        Locale.ROOT,
        "%.0f,%.0f,%d,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.2f,\"%s\"",
        settings.rate(),
        sendRate,
        latency.count(),
        LatencyStats.ms(latency.p50()),
        LatencyStats.ms(latency.p90()),
        LatencyStats.ms(latency.p99()),
        LatencyStats.ms(latency.p999()),
        LatencyStats.ms(latency.max()),
        LatencyStats.ms(consumedInPeriod.p50()),
        LatencyStats.ms(consumedInPeriod.p99()),
        loadAverage,
        settings.describe());
  }
}
