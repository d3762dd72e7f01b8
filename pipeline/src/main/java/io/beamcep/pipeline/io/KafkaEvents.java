package io.beamcep.pipeline.io;

import io.beamcep.pipeline.event.EventParseConfig;
import io.beamcep.pipeline.event.EventParser;
import io.beamcep.pipeline.event.ParsedEvent;
import io.beamcep.pipeline.event.TimestampFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.options.ExperimentalOptions;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Events from Kafka topics: each record value is one JSON event, passed on as raw bytes with a
 * source hint {@code topic-partition@offset} (for dead-letter reasons) to {@code ParseEvents}.
 *
 * <p>Event time: the record's time is the event's own time field, parsed with the same
 * {@link EventParser} as the pipeline; the watermark trails the highest time seen by the allowed
 * out-of-orderness, and a caught-up partition's follows the clock, so that windows close without
 * new events and an empty partition holds nothing back ({@link PartitionWatermarks}). A record
 * whose time cannot be read keeps Kafka's timestamp: it becomes a dead letter in parsing anyway.
 * Processing time: records take their arrival time.
 *
 * <p>With a group id, offsets are committed when a checkpoint finalizes, so a restarted job
 * resumes where the last checkpoint left off (at-least-once: the checkpoint holds the matcher's
 * state too); with {@link #withPartitionDiscovery}, Beam's splittable reader commits them per
 * five-minute window of record time instead.
 */
public final class KafkaEvents extends PTransform<PBegin, PCollection<KV<String, byte[]>>> {
  /** The experiment KafkaIO asks for before it reads partitions found while the job runs. */
  private static final String FN_API_EXPERIMENT = "beam_fn_api";

  private final String bootstrapServers;
  // The settings are not final: a with method changes only its own copy (copy()), so that a
  // setting added here is passed on by copy() alone rather than by every with method.
  private List<String> topics;
  /** The topics read instead of {@link #topics} when not null: those it matches at the start. */
  private Pattern topicPattern;
  private String groupId;
  private String startOffset = "earliest";
  private EventParseConfig eventTime;
  private Duration maxOutOfOrderness = Duration.ZERO;
  private KafkaClientSettings settings = KafkaClientSettings.none();
  /** How often the running job looks for new partitions (and topics); null: never. */
  private Duration partitionDiscovery;

  private KafkaEvents(String bootstrapServers) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("Kafka bootstrap servers are required");
    }
    this.bootstrapServers = bootstrapServers;
  }

  /** This transform's settings in a new one, for a with method to change. */
  private KafkaEvents copy() {
    KafkaEvents copy = new KafkaEvents(bootstrapServers);
    copy.topics = topics;
    copy.topicPattern = topicPattern;
    copy.groupId = groupId;
    copy.startOffset = startOffset;
    copy.eventTime = eventTime;
    copy.maxOutOfOrderness = maxOutOfOrderness;
    copy.settings = settings;
    copy.partitionDiscovery = partitionDiscovery;
    return copy;
  }

  /** Processing time, no group, from the earliest offset; refine with the {@code with} methods. */
  public static KafkaEvents read(String bootstrapServers, List<String> topics) {
    KafkaEvents read = new KafkaEvents(bootstrapServers);
    requireTopics(topics);
    read.topics = List.copyOf(topics);
    return read;
  }

  private static void requireTopics(List<String> topics) {
    if (topics == null
        || topics.isEmpty()
        || topics.stream().anyMatch(t -> t == null || t.isBlank())) {
      throw new IllegalArgumentException(
          "at least one non-empty Kafka topic is required, got " + topics);
    }
  }

  /**
   * {@link #read}, of the topics {@code topicPattern} matches when the job starts (Beam's Kafka
   * reader looks them up then: the running job reads a topic made later only with {@link
   * #withPartitionDiscovery}).
   */
  public static KafkaEvents readMatching(String bootstrapServers, Pattern topicPattern) {
    KafkaEvents read = new KafkaEvents(bootstrapServers);
    requireTopics(List.of(topicPattern.pattern()));
    read.topics = List.of();
    read.topicPattern = topicPattern;
    return read;
  }

  /** Consumer group: offsets are committed on checkpoint finalization. Blank means none. */
  public KafkaEvents withGroupId(String group) {
    KafkaEvents copy = copy();
    copy.groupId = group == null || group.isBlank() ? null : group;
    return copy;
  }

  /** {@code earliest} or {@code latest}: where a partition without committed offset starts. */
  public KafkaEvents withStartOffset(String offset) {
    if (!"earliest".equals(offset) && !"latest".equals(offset)) {
      throw new IllegalArgumentException(
          "start offset must be 'earliest' or 'latest', got '" + offset + "'");
    }
    KafkaEvents copy = copy();
    copy.startOffset = offset;
    return copy;
  }

  /**
   * Event time read from each record with {@code config}'s time field and format, or the record's
   * own Kafka timestamp with {@link TimestampFormat#KAFKA_TIMESTAMP}.
   */
  public KafkaEvents withEventTime(EventParseConfig config, Duration maxDelay) {
    Objects.requireNonNull(config, "config");
    if (config.usesProcessingTime()) {
      throw new IllegalArgumentException(
          "event time needs a timestamp format, not processing time");
    }
    if (maxDelay.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException("max out-of-orderness must not be negative: " + maxDelay);
    }
    KafkaEvents copy = copy();
    copy.eventTime = config;
    copy.maxOutOfOrderness = maxDelay;
    return copy;
  }

  /** The consumer takes {@code settings}' (a secured cluster's, say). */
  public KafkaEvents withClientSettings(KafkaClientSettings settings) {
    KafkaEvents copy = copy();
    copy.settings = Objects.requireNonNull(settings, "settings");
    return copy;
  }

  /**
   * Looks for partitions (and, with a pattern, topics) new to the job every {@code interval} while
   * it runs, and reads them, as Flink's KafkaSource does with partition.discovery.interval.ms; a
   * partition found so starts as any partition without a committed offset (the start offset).
   * Without it the job reads the partitions there were when it started, and the records of a
   * partition added later are never read.
   */
  public KafkaEvents withPartitionDiscovery(Duration interval) {
    if (!interval.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("partition discovery needs an interval above zero, got "
          + interval);
    }
    KafkaEvents copy = copy();
    copy.partitionDiscovery = interval;
    return copy;
  }

  @Override
  public PCollection<KV<String, byte[]>> expand(PBegin input) {
    Map<String, Object> consumer = new HashMap<>(settings.consumer());
    consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, startOffset);
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    KafkaIO.Read<byte[], byte[]> read =
        KafkaIO.<byte[], byte[]>read()
            .withBootstrapServers(bootstrapServers)
            .withKeyDeserializer(ByteArrayDeserializer.class)
            .withValueDeserializer(ByteArrayDeserializer.class);
    read = topicPattern == null ? read.withTopics(topics)
        : read.withTopicPattern(topicPattern.pattern());
    if (groupId != null) {
      consumer.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
      read = read.commitOffsetsInFinalize();
    }
    read = read.withConsumerConfigUpdates(consumer);
    if (partitionDiscovery != null) {
      read = read.withDynamicRead(partitionDiscovery);
    }
    read =
        eventTime == null
            ? read.withProcessingTime()
            : read.withTimestampPolicyFactory(eventTimePolicy(eventTime, maxOutOfOrderness));
    return readRecords(input, read)
        .apply(
            "WithSource",
            MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), new TypeDescriptor<byte[]>() {}))
                .via(
                    (KafkaRecord<byte[], byte[]> record) ->
                        KV.of(
                            record.getTopic()
                                + "-"
                                + record.getPartition()
                                + "@"
                                + record.getOffset(),
                            record.getKV().getValue() == null
                                ? new byte[0]
                                : record.getKV().getValue())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()));
  }

  /**
   * Applies {@code read}. With partition discovery, KafkaIO's own check refuses it unless the whole
   * pipeline runs on the Fn API (the beam_fn_api experiment), a guard for runners that would swap
   * its splittable reader for the legacy one; that experiment also changes how the FlinkRunner
   * translates every other read of the job. So it is set only while KafkaIO expands, and the
   * reader it builds (a Watch of the partitions feeding its splittable reader) runs on the
   * DirectRunner and the FlinkRunner as they are (KafkaPartitionDiscoveryTest).
   */
  private PCollection<KafkaRecord<byte[], byte[]>> readRecords(PBegin input,
      KafkaIO.Read<byte[], byte[]> read) {
    if (partitionDiscovery == null) {
      return input.apply("ReadKafka", read);
    }
    ExperimentalOptions options = input.getPipeline().getOptions().as(ExperimentalOptions.class);
    List<String> experiments = options.getExperiments();
    List<String> withFnApi =
        new ArrayList<>(experiments == null ? List.of() : experiments);
    withFnApi.add(FN_API_EXPERIMENT);
    options.setExperiments(withFnApi);
    try {
      return input.apply("ReadKafka", read);
    } finally {
      options.setExperiments(experiments);
    }
  }

  private static TimestampPolicyFactory<byte[], byte[]> eventTimePolicy(
      EventParseConfig config, Duration maxDelay) {
    SerializableFunction<KafkaRecord<byte[], byte[]>, Instant> timeOf =
        config.timestampFormat() == TimestampFormat.KAFKA_TIMESTAMP
            ? new RecordTime()
            : new EventTimeOf(config);
    return (partition, previousWatermark) ->
        new PartitionWatermarks(timeOf, maxDelay, previousWatermark);
  }

  /** The timestamp Kafka keeps with the record. */
  private static final class RecordTime
      implements SerializableFunction<KafkaRecord<byte[], byte[]>, Instant> {
    @Override
    public Instant apply(KafkaRecord<byte[], byte[]> record) {
      return new Instant(record.getTimestamp());
    }
  }

  /** The event's own time, or Kafka's timestamp when the record cannot be parsed. */
  private static final class EventTimeOf
      implements SerializableFunction<KafkaRecord<byte[], byte[]>, Instant> {
    private final EventParser parser;

    EventTimeOf(EventParseConfig config) {
      this.parser = new EventParser(config);
    }

    @Override
    public Instant apply(KafkaRecord<byte[], byte[]> record) {
      byte[] value = record.getKV().getValue();
      Optional<Long> millis = Optional.empty();
      if (value != null) {
        try {
          ParsedEvent parsed = parser.parse(value);
          if (parsed.timestampMillis() != ParsedEvent.NO_TIMESTAMP) {
            millis = Optional.of(parsed.timestampMillis());
          }
        } catch (Exception e) {
          // Unreadable: ParseEvents turns it into a dead letter with the reason.
        }
      }
      return new Instant(millis.orElse(record.getTimestamp()));
    }
  }
}
