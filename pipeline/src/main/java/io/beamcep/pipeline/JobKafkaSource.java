package io.beamcep.pipeline;

import io.beamcep.pipeline.CepPipelineOptions.SourceKind;
import io.beamcep.pipeline.event.EventParseConfig;
import io.beamcep.pipeline.io.KafkaClientSettings;
import io.beamcep.pipeline.io.KafkaEvents;
import io.beamcep.pipeline.io.KafkaStartOffsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka source a job's options describe (--inputTopic or --inputTopicPattern, the group, where
 * it starts, partition discovery): each option checked, the reader built, where the group starts
 * committed at launch, and the source described.
 */
final class JobKafkaSource {
  private static final Logger LOG = LoggerFactory.getLogger(JobKafkaSource.class);

  private JobKafkaSource() {}

  /** Refuses what the options of a Kafka source get wrong, when the job is built. */
  static void check(CepPipelineOptions options) {
    startReadTime(options);
    inputTopicPattern(options);
    partitionDiscovery(options);
  }

  /**
   * The events line of a dry run: the topics, brokers, where the group starts, discovery. A launch
   * that restores a savepoint ({@code fromSavepoint}) resumes where the savepoint's readers were
   * and sets no offsets of the group ({@link #startGroup}), so its line says that instead.
   */
  static String describe(CepPipelineOptions options, boolean fromSavepoint) {
    String source = inputTopicPattern(options)
        .map(pattern -> "Kafka topics matching '" + pattern + "'")
        .orElse("Kafka topic(s) " + String.join(", ", inputTopics(options))) + " on "
        + options.getKafkaBrokers();
    String discovery = partitionDiscovery(options).map(every -> ", new partitions looked for "
        + "every " + every.getMillis() + " ms").orElse("");
    String group = options.getInputTopicGroup();
    if (fromSavepoint) {
      return source + ", from the offsets the savepoint holds" + (group.isBlank() ? ""
          : " (consumer group " + group + "'s committed offsets left as they are)") + discovery;
    }
    return source + startReadTime(options).map(at -> ", from " + at + " (consumer group " + group
            + "'s offsets set so when the job is launched)").orElse("")
        + discovery
        + (foundPartitionsReadWhole(options) ? ", from the latest offsets (consumer group "
            + group + "'s offsets set so where it has none in range when the job is launched; a "
            + "partition found later is read from its earliest)" : "");
  }

  /**
   * The Kafka reader of the job's events, as the options say: its topics or pattern, group, start
   * offset, partition discovery and event time.
   */
  static KafkaEvents read(CepPipelineOptions options, EventParseConfig parsing,
      KafkaClientSettings settings) {
    Optional<Pattern> pattern = inputTopicPattern(options);
    KafkaEvents kafka =
        (pattern.isPresent() ? KafkaEvents.readMatching(options.getKafkaBrokers(), pattern.get())
            : KafkaEvents.read(options.getKafkaBrokers(), inputTopics(options)))
            .withGroupId(options.getInputTopicGroup())
            .withStartOffset(foundPartitionsReadWhole(options)
                ? CepPipelineOptions.StartOffset.earliest.name()
                : options.getStartOffset().name())
            .withClientSettings(settings);
    Optional<Duration> discovery = partitionDiscovery(options);
    if (discovery.isPresent()) {
      kafka = kafka.withPartitionDiscovery(discovery.get());
    }
    if (options.getUsingEventTime()) {
      if (options.getMaxOutOfOrdernessMs() < 0) {
        throw new IllegalArgumentException("--maxOutOfOrdernessMs must not be negative");
      }
      kafka = kafka.withEventTime(parsing, Duration.millis(options.getMaxOutOfOrdernessMs()));
    }
    return kafka;
  }

  /**
   * Commits the group's offsets where the job is to start: with --startReadTime at that time; with
   * {@link #foundPartitionsReadWhole} at the end of each partition without a committed offset in
   * its range. The one change a launch makes to a service before the job starts, so a dry run
   * ({@link CepPipeline#prepare}) leaves it out, and so does a launch that restores a savepoint.
   */
  static void startGroup(CepPipelineOptions options, KafkaClientSettings settings,
      java.time.Duration timeout) {
    Optional<Instant> time = startReadTime(options);
    if (time.isPresent()) {
      Map<TopicPartition, Long> offsets = KafkaStartOffsets.commitAt(options.getKafkaBrokers(),
          settings, options.getInputTopicGroup(), inputTopicPattern(options),
          inputTopics(options), time.get(), timeout);
      LOG.info("consumer group {} starts at {} (--startReadTime): {}",
          options.getInputTopicGroup(), time.get(), offsets);
    } else if (foundPartitionsReadWhole(options)) {
      Map<TopicPartition, Long> offsets = KafkaStartOffsets.commitEndsWhereResetApplies(
          options.getKafkaBrokers(), settings, options.getInputTopicGroup(),
          inputTopicPattern(options), inputTopics(options), timeout);
      LOG.info("consumer group {} starts its partitions without a committed offset in range at "
          + "their end (--startOffset=latest): {}", options.getInputTopicGroup(), offsets);
    }
  }

  /**
   * Whether the job reads a partition it finds while it runs from its earliest offset, as Flink's
   * KafkaSource does, where Beam's reader starts a partition without a committed offset at the
   * reset policy, which for --startOffset=latest would skip what the partition held when found.
   * It takes a consumer group and a launch that may reach the brokers: the launch commits the
   * latest offsets of the partitions there are without one, or with one out of range, where the
   * latest policy would have applied ({@link #startGroup}), and the reader's policy is earliest,
   * which then serves only the partitions found later.
   */
  static boolean foundPartitionsReadWhole(CepPipelineOptions options) {
    return options.getSource() == SourceKind.kafka && options.getPartitionDiscoveryMs() > 0
        && options.getStartOffset() == CepPipelineOptions.StartOffset.latest
        && !options.getInputTopicGroup().isBlank() && options.getStartReadTime().isBlank()
        && options.getCheckServicesAtLaunch();
  }

  /** --startReadTime, checked: a Kafka job with a consumer group. */
  static Optional<Instant> startReadTime(CepPipelineOptions options) {
    String value = options.getStartReadTime();
    if (value.isBlank()) {
      return Optional.empty();
    }
    requireKafkaSource(options, "--startReadTime is where a Kafka job starts reading");
    if (options.getInputTopicGroup().isBlank()) {
      throw new IllegalArgumentException("--startReadTime needs --inputTopicGroup: the job "
          + "starts there by committing that group's offsets when it is launched");
    }
    return Optional.of(KafkaStartOffsets.parseTime(value, "--startReadTime"));
  }

  /** --partitionDiscoveryMs, checked: empty when the job does not look for new partitions. */
  static Optional<Duration> partitionDiscovery(CepPipelineOptions options) {
    long millis = options.getPartitionDiscoveryMs();
    if (millis < 0) {
      throw new IllegalArgumentException(
          "--partitionDiscoveryMs must not be negative, got " + millis);
    }
    if (millis == 0) {
      return Optional.empty();
    }
    requireKafkaSource(options,
        "--partitionDiscoveryMs looks for new partitions of the Kafka topics a job reads");
    return Optional.of(Duration.millis(millis));
  }

  /** --inputTopicPattern, compiled; empty when the job reads --inputTopic. */
  static Optional<Pattern> inputTopicPattern(CepPipelineOptions options) {
    String regex = options.getInputTopicPattern();
    if (regex.isBlank()) {
      return Optional.empty();
    }
    requireKafkaSource(options, "--inputTopicPattern names the Kafka topics a job reads");
    try {
      return Optional.of(Pattern.compile(regex.strip()));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("--inputTopicPattern '" + regex + "' is not a regular "
          + "expression: " + e.getDescription() + " near index " + e.getIndex(), e);
    }
  }

  /** Refuses an option of the Kafka source given to a job of another: {@code what} it does. */
  private static void requireKafkaSource(CepPipelineOptions options, String what) {
    if (options.getSource() != SourceKind.kafka) {
      throw new IllegalArgumentException(what + ": it needs --source=kafka");
    }
  }

  /** The topics of --inputTopic. */
  static List<String> inputTopics(CepPipelineOptions options) {
    return Arrays.stream(options.getInputTopic().split(","))
        .map(String::strip)
        .filter(t -> !t.isEmpty())
        .toList();
  }
}
