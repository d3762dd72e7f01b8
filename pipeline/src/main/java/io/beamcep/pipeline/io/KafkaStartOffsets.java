package io.beamcep.pipeline.io;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Starts a consumer group's reading of its topics at a point in time, as {@code
 * kafka-consumer-groups --reset-offsets --to-datetime} does and as Flink's KafkaSource does with
 * {@code OffsetsInitializer.timestamp}: each partition's committed offset becomes that of its first
 * record at or after the time, or its end when it has none since. The job then reads from the
 * group's committed offsets, on every runner alike. Beam's own start time does not serve: its
 * reader on the FlinkRunner fails the job when a partition has no record since the time, which an
 * idle partition or a start at the present always meets.
 */
public final class KafkaStartOffsets {
  private static final Pattern EPOCH_MILLIS = Pattern.compile("-?[0-9]+");

  private KafkaStartOffsets() {}

  /**
   * The time {@code value} gives: ISO-8601 with an offset or {@code Z}
   * ({@code 2026-12-07T08:00:00Z}), or epoch milliseconds.
   *
   * @throws IllegalArgumentException naming {@code option} and the value
   */
  public static Instant parseTime(String value, String option) {
    String text = value.strip();
    try {
      return EPOCH_MILLIS.matcher(text).matches() ? Instant.ofEpochMilli(Long.parseLong(text))
          : Instant.parse(text);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be an ISO-8601 time with its offset "
          + "(2026-12-07T08:00:00Z) or epoch milliseconds, got '" + value + "'", e);
    }
  }

  /**
   * Commits for {@code group} each partition of the topics {@code topicPattern} matches now, or
   * else of {@code named}, at its first record at or after {@code time}, or at its end; returns
   * the offsets committed, by partition. The group must have
   * no active member (a job reading with it would not see the change).
   *
   * @throws IllegalStateException naming the brokers, the group and the cause
   */
  public static Map<TopicPartition, Long> commitAt(String bootstrapServers,
      KafkaClientSettings settings, String group, Optional<Pattern> topicPattern,
      List<String> named, Instant time, Duration timeout) {
    List<String> topics = named;
    try (Admin admin = Admin.create(settings.admin(bootstrapServers, timeout))) {
      if (topicPattern.isPresent()) {
        topics = KafkaTopicCheck.matching(admin.listTopics().names().get(), topicPattern.get());
      }
      Map<TopicPartition, OffsetSpec> atTime = new HashMap<>();
      for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
        for (TopicPartitionInfo partition : topic.partitions()) {
          atTime.put(new TopicPartition(topic.name(), partition.partition()),
              OffsetSpec.forTimestamp(time.toEpochMilli()));
        }
      }
      Map<TopicPartition, Long> offsets = new TreeMap<>(
          Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
      Map<TopicPartition, OffsetSpec> atEnd = new HashMap<>();
      admin.listOffsets(atTime).all().get().forEach((partition, found) -> {
        if (found.offset() < 0) {
          atEnd.put(partition, OffsetSpec.latest()); // no record since: from what comes next
        } else {
          offsets.put(partition, found.offset());
        }
      });
      if (!atEnd.isEmpty()) {
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(atEnd).all().get();
        ends.forEach((partition, end) -> offsets.put(partition, end.offset()));
      }
      Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
      offsets.forEach((partition, offset) -> commits.put(partition,
          new OffsetAndMetadata(offset, "beam-cep start at " + time)));
      admin.alterConsumerGroupOffsets(group, commits).all().get();
      return offsets;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("cannot start consumer group " + group + " at " + time
          + " on " + bootstrapServers + " (topics " + String.join(", ", topics)
          + "): " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting consumer group " + group
          + " at " + time, e);
    }
  }
}
