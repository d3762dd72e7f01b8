package io.beamcep.runners.bench.latency;

import java.util.List;

/**
 * One latency run: the broker, the load, and the Flink runner knobs under test.
 *
 * @param rate events per second the producer sends
 * @param warmupSeconds sent after the first alert arrived and not measured (JIT, state growth)
 * @param durationSeconds measured: alerts whose last event was sent in this period count
 * @param drainSeconds how long alerts are still awaited after the last measured event
 * @param lingerMs the bench producer's {@code linger.ms}
 * @param fasterCopy Beam's {@code --fasterCopy}: no copy between chained operators, nor of state
 *     objects (which heap snapshots need, so {@code cep run} refuses it with heap state)
 * @param objectReuse Flink's object reuse ({@code --objectReuse}): no copy between chained
 *     operators, state copied as before
 * @param bufferTimeoutMs Flink's network buffer flush interval between operators; -1 = Flink's
 *     default (100 ms)
 * @param pipelineArgs further {@code --name=value} pipeline/runner options, applied last
 */
record LatencySettings(
    String bootstrapServers,
    double rate,
    int warmupSeconds,
    int durationSeconds,
    int drainSeconds,
    int users,
    long seed,
    int rules,
    int parallelism,
    int partitions,
    int lingerMs,
    long maxBundleSize,
    long maxBundleTimeMills,
    boolean fasterCopy,
    boolean objectReuse,
    long bufferTimeoutMs,
    List<String> pipelineArgs) {

  /** Longest wait for the first alert, i.e. for the embedded Flink job to be up and reading. */
  static final int PRIMING_LIMIT_SECONDS = 120;

  /** Events the run may send at most: priming, warm-up, measurement and drain at the rate. */
  int capacity() {
    long seconds = PRIMING_LIMIT_SECONDS + warmupSeconds + durationSeconds + drainSeconds + 5L;
    return Math.toIntExact(Math.min(Integer.MAX_VALUE - 8L, (long) Math.ceil(rate * seconds)));
  }

  /** The settings as one line, for the report and the CSV. */
  String describe() {
    return String.format(java.util.Locale.ROOT,
        "parallelism %d, partitions %d, maxBundleSize %d, maxBundleTimeMills %d, fasterCopy %s, "
            + "objectReuse %s, bufferTimeoutMs %s, linger.ms %d%s",
        parallelism, partitions, maxBundleSize, maxBundleTimeMills, fasterCopy, objectReuse,
        bufferTimeoutMs < 0 ? "default" : Long.toString(bufferTimeoutMs), lingerMs,
        pipelineArgs.isEmpty() ? "" : ", " + String.join(" ", pipelineArgs));
  }
}
