package io.beamcep.pipeline.sink;

import io.beamcep.pipeline.event.DeadLetter;
import io.beamcep.pipeline.io.KafkaClientSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Dead letters to a Kafka topic, as a dead-letter queue: the value is the record exactly as it
 * was received, so that once its producer is fixed it can be replayed into the input topic as it
 * is; why it was refused and where it came from are the headers {@value #REASON_HEADER} and
 * {@value #SOURCE_HEADER} (UTF-8), and the key is the source too.
 */
public final class KafkaDeadLetters extends PTransform<PCollection<DeadLetter>, PDone> {
  /** Header holding why the record was refused, naming the field or the line and column. */
  public static final String REASON_HEADER = "beamcep.reason";
  /** Header holding where the record came from: {@code topic-partition@offset}, {@code file:n}. */
  public static final String SOURCE_HEADER = "beamcep.source";

  private final String bootstrapServers;
  private final String topic;
  private final KafkaClientSettings settings;

  private KafkaDeadLetters(String bootstrapServers, String topic, KafkaClientSettings settings) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.settings = settings;
  }

  public static KafkaDeadLetters to(String bootstrapServers, String topic) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("--deadLetterTopic needs --kafkaBrokers");
    }
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("the dead-letter sink needs a topic");
    }
    return new KafkaDeadLetters(bootstrapServers, topic, KafkaClientSettings.none());
  }

  /** The producer takes {@code settings}' (a secured cluster's, say). */
  public KafkaDeadLetters withClientSettings(KafkaClientSettings settings) {
    return new KafkaDeadLetters(bootstrapServers, topic,
        Objects.requireNonNull(settings, "settings"));
  }

  @Override
  public PDone expand(PCollection<DeadLetter> deadLetters) {
    return deadLetters
        .apply(
            "AsKafkaRecords",
            MapElements.into(new TypeDescriptor<ProducerRecord<byte[], byte[]>>() {})
                .via((DeadLetter letter) -> record(topic, letter)))
        .setCoder(ProducerRecordCoder.of(ByteArrayCoder.of(), ByteArrayCoder.of()))
        .apply(
            "WriteKafka",
            KafkaIO.<byte[], byte[]>writeRecords()
                .withBootstrapServers(bootstrapServers)
                .withTopic(topic)
                .withProducerConfigUpdates(settings.producer())
                .withKeySerializer(ByteArraySerializer.class)
                .withValueSerializer(ByteArraySerializer.class));
  }

  static ProducerRecord<byte[], byte[]> record(String topic, DeadLetter letter) {
    byte[] source = letter.source().getBytes(StandardCharsets.UTF_8);
    List<Header> headers = List.of(
        new RecordHeader(REASON_HEADER, letter.reason().getBytes(StandardCharsets.UTF_8)),
        new RecordHeader(SOURCE_HEADER, source));
    return new ProducerRecord<>(topic, null, null, source, letter.raw(), headers);
  }
}
