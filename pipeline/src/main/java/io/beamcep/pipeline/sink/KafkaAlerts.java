package io.beamcep.pipeline.sink;

import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.io.KafkaClientSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Alerts to a Kafka topic: key = the alert's partition key (so one user's alerts stay ordered in
 * one partition), value = the alert as JSON ({@link Alert#payload}: ours, or a plugin's rendering).
 *
 * <p>By default at least once: a bundle retried, or a job restored from a checkpoint, writes the
 * alerts it made again. {@link #exactlyOnce} writes them in Kafka transactions instead (Beam's
 * exactly-once sink): the runner hands the writer only input it will not replay (on Flink, what
 * a completed checkpoint covers), and the writer records in Kafka, in the same transaction as
 * the alerts, how far each of its shards got, so a retry skips what is already committed.
 * Readers see each alert once with {@code isolation.level=read_committed}. The writers take the
 * alerts round robin, not by key: one key's alerts still share a partition, but may reach it out
 * of their order.
 */
public final class KafkaAlerts extends PTransform<PCollection<Alert>, PDone> {
  /** How long the check of the output topic's partitions waits for the brokers. */
  private static final Duration PARTITIONS_TIMEOUT = Duration.ofSeconds(30);
  private final String bootstrapServers;
  private final String topic;
  /** Null: at least once. */
  private final String sinkGroupId;
  private final int shards;
  private final KafkaClientSettings settings;

  private KafkaAlerts(String bootstrapServers, String topic, String sinkGroupId, int shards,
      KafkaClientSettings settings) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.sinkGroupId = sinkGroupId;
    this.shards = shards;
    this.settings = settings;
  }

  public static KafkaAlerts to(String bootstrapServers, String topic) {
    if (bootstrapServers == null
        || bootstrapServers.isBlank()
        || topic == null
        || topic.isBlank()) {
      throw new IllegalArgumentException("the kafka sink needs --kafkaBrokers and --outputTopic");
    }
    return new KafkaAlerts(bootstrapServers, topic, null, 0, KafkaClientSettings.none());
  }

  /**
   * Every Kafka client of the sink takes {@code settings}' (a secured cluster's, say): its
   * producers, the partition check's admin client, and the consumer with which the exactly-once
   * writers read their progress, to which Beam itself gives the brokers and group alone.
   */
  public KafkaAlerts withClientSettings(KafkaClientSettings settings) {
    return new KafkaAlerts(bootstrapServers, topic, sinkGroupId, shards,
        Objects.requireNonNull(settings, "settings"));
  }

  /**
   * Writes each alert exactly once, through {@code shards} transactional writers whose progress is
   * kept in Kafka under the consumer group {@code sinkGroupId}. The group must stay the same when
   * the job is restored, and must not be another job's: a writer that finds progress in Kafka its
   * own state does not know refuses to start rather than skip or repeat alerts.
   */
  public KafkaAlerts exactlyOnce(String sinkGroupId, int shards) {
    if (sinkGroupId == null || sinkGroupId.isBlank()) {
      throw new IllegalArgumentException("--kafkaSinkGroupId is empty: exactly-once writing "
          + "keeps its progress under a consumer group that needs a name");
    }
    if (shards < 1) {
      throw new IllegalArgumentException(
          "--kafkaSinkShards is " + shards + "; exactly-once writing needs at least 1 writer");
    }
    return new KafkaAlerts(bootstrapServers, topic, sinkGroupId.strip(), shards, settings);
  }

  /**
   * Refuses more writers than the topic has partitions: a writer keeps its progress under the
   * partition of its number, and a broker times out (60 s, then again at each retry) the
   * transaction of a writer whose partition does not exist. Checked while the job is built, so
   * with no switch: KafkaIO's source does not read its topics' partitions then (on the FlinkRunner
   * only once the job runs on the cluster), and the switchable launch checks of topics are
   * KafkaTopicCheck's.
   */
  private void requirePartitions() {
    int partitions;
    try (Admin admin = Admin.create(settings.admin(bootstrapServers, PARTITIONS_TIMEOUT))) {
      partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
          .partitions().size();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new IllegalArgumentException("--kafkaSinkShards=" + shards + " needs --outputTopic "
            + topic + " to exist with at least " + shards + " partitions; it does not exist on "
            + bootstrapServers + " (a topic created by the first write has the broker's default)");
      }
      throw new IllegalArgumentException("cannot read the partitions of --outputTopic " + topic
          + " on " + bootstrapServers + " for --kafkaSinkShards: " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the partitions of " + topic, e);
    }
    if (partitions < shards) {
      throw new IllegalArgumentException("--kafkaSinkShards=" + shards + " is more than the "
          + partitions + " partition(s) of --outputTopic " + topic
          + ": a writer keeps its progress under the partition of its number");
    }
  }

  @Override
  public PDone expand(PCollection<Alert> alerts) {
    KafkaIO.Write<String, String> write =
        KafkaIO.<String, String>write()
            .withBootstrapServers(bootstrapServers)
            .withTopic(topic)
            .withProducerConfigUpdates(settings.producer())
            .withKeySerializer(StringSerializer.class)
            .withValueSerializer(StringSerializer.class);
    if (sinkGroupId != null) {
      if (shards > 1) {
        requirePartitions();
      }
      write = write.withEOS(shards, sinkGroupId)
          .withProducerFactoryFn(RenewingTransactionalProducer<String, String>::new)
          .withConsumerFactoryFn(new ConsumerWithSettings(settings));
    }
    return alerts
        .apply(
            "KeyAndJson",
            MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                .via((Alert alert) -> KV.of(alert.key(), alert.payload())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("WriteKafka", write);
  }

  /** A consumer with the user's settings beside those Beam gives it. */
  private static final class ConsumerWithSettings
      implements SerializableFunction<Map<String, Object>, Consumer<byte[], byte[]>> {
    private final KafkaClientSettings settings;

    ConsumerWithSettings(KafkaClientSettings settings) {
      this.settings = settings;
    }

    @Override
    public Consumer<byte[], byte[]> apply(Map<String, Object> beams) {
      Map<String, Object> config = settings.consumer();
      config.putAll(beams);
      return new KafkaConsumer<>(config);
    }
  }
}
