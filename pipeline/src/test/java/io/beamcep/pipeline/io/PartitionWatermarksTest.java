package io.beamcep.pipeline.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.beam.sdk.io.kafka.TimestampPolicy.PartitionContext;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * One partition's watermark, out-of-orderness 10 s: records read / the reader's backlog and the
 * time it was checked / the watermark.
 */
class PartitionWatermarksTest {
  private static final Duration DELAY = Duration.standardSeconds(10);
  private static final Instant CLOCK = Instant.parse("2026-12-07T09:00:00Z");
  private static final long UNKNOWN_BACKLOG = -1;

  private static PartitionWatermarks policy(Optional<Instant> previousWatermark) {
    return new PartitionWatermarks(record -> new Instant(record.getTimestamp()), DELAY,
        previousWatermark);
  }

  private static Instant read(PartitionWatermarks policy, String time) {
    KafkaRecord<byte[], byte[]> record = new KafkaRecord<>("clicks", 0, 0,
        Instant.parse(time).getMillis(), KafkaTimestampType.CREATE_TIME, new RecordHeaders(),
        new byte[0], new byte[0]);
    return policy.getTimestampForRecord(context(3), record);
  }

  private static PartitionContext context(long backlog) {
    return new PartitionContext() {
      @Override
      public long getMessageBacklog() {
        return backlog;
      }

      @Override
      public Instant getBacklogCheckTime() {
        return CLOCK;
      }
    };
  }

  @Test
  void aPartitionWithRecordsWaitingTrailsItsLatestRecordByTheOutOfOrderness() {
    PartitionWatermarks policy = policy(Optional.empty());
    assertThat(read(policy, "2026-12-07T08:00:30Z"), is(Instant.parse("2026-12-07T08:00:30Z")));
    read(policy, "2026-12-07T08:00:10Z"); // out of order: the watermark does not go back
    assertThat(policy.getWatermark(context(5), CLOCK), is(Instant.parse("2026-12-07T08:00:20Z")));
  }

  /** Caught up, but its latest record less than the out-of-orderness behind the clock. */
  @Test
  void aCaughtUpPartitionWithARecentRecordTrailsThatRecord() {
    PartitionWatermarks policy = policy(Optional.empty());
    read(policy, "2026-12-07T08:59:55Z");
    assertThat(policy.getWatermark(context(0), CLOCK), is(Instant.parse("2026-12-07T08:59:45Z")));
  }

  @Test
  void aRecordFromTheFutureDoesNotCarryTheWatermarkPastTheClock() {
    PartitionWatermarks policy = policy(Optional.empty());
    read(policy, "2026-12-07T10:00:00Z");
    assertThat(policy.getWatermark(context(5), CLOCK), is(CLOCK.minus(DELAY)));
  }

  @Test
  void aCaughtUpPartitionFollowsTheClock() {
    PartitionWatermarks policy = policy(Optional.empty());
    read(policy, "2026-12-07T08:00:30Z");
    assertThat(policy.getWatermark(context(0), CLOCK), is(CLOCK.minus(DELAY)));
  }

  /** The case Beam's CustomTimestampPolicyWithLimitedDelay leaves at the beginning of time. */
  @Test
  void aCaughtUpPartitionThatNeverHeldARecordFollowsTheClockToo() {
    assertThat(policy(Optional.empty()).getWatermark(context(0), CLOCK), is(CLOCK.minus(DELAY)));
  }

  @Test
  void aPartitionWhoseBacklogIsNotKnownYetHoldsItsWatermark() {
    assertThat(policy(Optional.empty()).getWatermark(context(UNKNOWN_BACKLOG), CLOCK),
        is(BoundedWindow.TIMESTAMP_MIN_VALUE));
  }

  @Test
  void aRestoredPartitionGoesOnFromItsWatermark() {
    Instant restored = Instant.parse("2026-12-07T08:30:00Z");
    assertThat(policy(Optional.of(restored)).getWatermark(context(UNKNOWN_BACKLOG), CLOCK),
        is(restored));
  }
}
