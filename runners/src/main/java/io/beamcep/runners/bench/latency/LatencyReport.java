package io.beamcep.runners.bench.latency;

import java.util.Locale;

/**
 * What one latency run measured.
 *
 * @param sentMeasured events sent during the measured period
 * @param sendRate events per second actually sent during the measured period
 * @param loadAverage the machine's 1-minute load average at the end of the run
 */
public record LatencyReport(
    LatencyStats latency,
    long sentMeasured,
    double sendRate,
    long matchAlerts,
    long timeoutAlerts,
    long unknownAlerts,
    double loadAverage) {

  static final String CSV_HEADER =
      "rate,achieved_rate,alerts,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,load,settings";

  String csv(LatencySettings settings) {
    return String.format(Locale.ROOT, "%.0f,%.0f,%d,%.1f,%.1f,%.1f,%.1f,%.1f,%.2f,\"%s\"",
        settings.rate(), sendRate, latency.count(), LatencyStats.ms(latency.p50()),
        LatencyStats.ms(latency.p90()), LatencyStats.ms(latency.p99()),
        LatencyStats.ms(latency.p999()), LatencyStats.ms(latency.max()), loadAverage,
        settings.describe());
  }
}
