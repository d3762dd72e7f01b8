package io.beamcep.pipeline.io;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
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
      topics = topics(admin, topicPattern, named);
      List<TopicPartition> partitions = partitions(admin, topics);
      Map<TopicPartition, Long> offsets = inOrder();
      offsets.putAll(offsetsAt(admin, partitions, OffsetSpec.forTimestamp(time.toEpochMilli())));
      // no record since: from what comes next
      List<TopicPartition> noRecordSince =
          partitions.stream().filter(partition -> offsets.get(partition) < 0).toList();
      if (!noRecordSince.isEmpty()) {
        offsets.putAll(offsetsAt(admin, noRecordSince, OffsetSpec.latest()));
      }
      commit(admin, group, offsets, "beam-cep start at " + time);
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

  /**
   * Commits for {@code group} the end of each partition of the topics {@code topicPattern} matches
   * now, or else of {@code named}, where the group's reset policy would apply: a partition with no
   * committed offset of the group, or with one out of its range (below its first offset, its
   * records deleted since, or past its end); returns the offsets committed, by partition (none
   * when every partition has one in range). A job reading with the group and the reset policy
   * earliest then starts these partitions where the latest policy would, while a partition it
   * finds later, with no committed offset, is read from its earliest record, as Flink's
   * KafkaSource reads a partition it discovers.
   *
   * @throws IllegalStateException naming the brokers, the group and the cause
   */
  public static Map<TopicPartition, Long> commitEndsWhereResetApplies(String bootstrapServers,
      KafkaClientSettings settings, String group, Optional<Pattern> topicPattern,
      List<String> named, Duration timeout) {
    List<String> topics = named;
    try (Admin admin = Admin.create(settings.admin(bootstrapServers, timeout))) {
      topics = topics(admin, topicPattern, named);
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      List<TopicPartition> partitions = partitions(admin, topics);
      Map<TopicPartition, Long> starts = offsetsAt(admin, partitions, OffsetSpec.earliest());
      Map<TopicPartition, Long> ends = offsetsAt(admin, partitions, OffsetSpec.latest());
      Map<TopicPartition, Long> offsets = inOrder();
      for (TopicPartition partition : partitions) {
        OffsetAndMetadata offset = committed.get(partition);
        if (offset == null || offset.offset() < starts.get(partition)
            || offset.offset() > ends.get(partition)) {
          offsets.put(partition, ends.get(partition));
        }
      }
      if (!offsets.isEmpty()) {
        commit(admin, group, offsets, "beam-cep start at the latest offset");
      }
      return offsets;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("cannot start consumer group " + group + " at the latest "
          + "offsets on " + bootstrapServers + " (topics " + String.join(", ", topics) + "): "
          + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting consumer group " + group
          + " at the latest offsets", e);
    }
  }

  /** Each partition's offset that {@code spec} names, in one request. */
  private static Map<TopicPartition, Long> offsetsAt(Admin admin, List<TopicPartition> partitions,
      OffsetSpec spec) throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetSpec> asked = new HashMap<>();
    partitions.forEach(partition -> asked.put(partition, spec));
    Map<TopicPartition, Long> offsets = new HashMap<>();
    admin.listOffsets(asked).all().get()
        .forEach((partition, found) -> offsets.put(partition, found.offset()));
    return offsets;
  }

  private static List<String> topics(Admin admin, Optional<Pattern> topicPattern,
      List<String> named) throws ExecutionException, InterruptedException {
    return topicPattern.isPresent()
        ? KafkaTopicCheck.matching(admin.listTopics().names().get(), topicPattern.get())
        : named;
  }

  private static List<TopicPartition> partitions(Admin admin, List<String> topics)
      throws ExecutionException, InterruptedException {
    List<TopicPartition> partitions = new ArrayList<>();
    for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
      for (TopicPartitionInfo partition : topic.partitions()) {
        partitions.add(new TopicPartition(topic.name(), partition.partition()));
      }
    }
    return partitions;
  }

  private static Map<TopicPartition, Long> inOrder() {
    return new TreeMap<>(
        Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
  }

  private static void commit(Admin admin, String group, Map<TopicPartition, Long> offsets,
      String why) throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    offsets.forEach((partition, offset) -> commits.put(partition,
        new OffsetAndMetadata(offset, why)));
    admin.alterConsumerGroupOffsets(group, commits).all().get();
  }
}
