package io.beamcep.pipeline.io;

import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * One Kafka partition's event time and watermark: the watermark trails the highest record time
 * seen by the allowed out-of-orderness, and a partition that is caught up (no record waiting),
 * its newest record more than that behind the clock, follows the clock instead, so that its
 * silence does not hold back the job's watermark, which is the least of its partitions'. That goes
 * for a partition that has never held a record too: Beam's {@code
 * CustomTimestampPolicyWithLimitedDelay}, otherwise the same, leaves such a partition's watermark
 * at the beginning of time, and one empty partition of a topic then held every match of an
 * event-time job back for good, as a Flink job without {@code withIdleness} is held. A record
 * reaching a partition after its silence is late if its time is behind the clock by more than the
 * out-of-orderness, as after any pause.
 */
final class PartitionWatermarks extends TimestampPolicy<byte[], byte[]> {
  private final SerializableFunction<KafkaRecord<byte[], byte[]>, Instant> timeOf;
  private final Duration maxDelay;
  private Instant maxRecordTime;

  PartitionWatermarks(SerializableFunction<KafkaRecord<byte[], byte[]>, Instant> timeOf,
      Duration maxDelay, Optional<Instant> previousWatermark) {
    this.timeOf = timeOf;
    this.maxDelay = maxDelay;
    // a restored reader goes on from its watermark
    this.maxRecordTime =
        previousWatermark.orElse(BoundedWindow.TIMESTAMP_MIN_VALUE).plus(maxDelay);
  }

  @Override
  public Instant getTimestampForRecord(PartitionContext context,
      KafkaRecord<byte[], byte[]> record) {
    Instant time = timeOf.apply(record);
    if (time.isAfter(maxRecordTime)) {
      maxRecordTime = time;
    }
    return time;
  }

  @Override
  public Instant getWatermark(PartitionContext context) {
    return getWatermark(context, Instant.now());
  }

  /** The watermark at {@code now} on the clock: Beam's policy's, but for an empty partition. */
  Instant getWatermark(PartitionContext context, Instant now) {
    if (maxRecordTime.isAfter(now)) {
      return now.minus(maxDelay); // a record from the future does not carry the watermark past now
    }
    // the backlog is unknown (negative) until the reader has asked the broker for the end
    Instant byClock = context.getBacklogCheckTime().minus(maxDelay);
    if (context.getMessageBacklog() == 0 && byClock.isAfter(maxRecordTime)) {
      return byClock;
    }
    return maxRecordTime.minus(maxDelay);
  }
}
