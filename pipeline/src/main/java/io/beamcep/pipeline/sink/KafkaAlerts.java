package io.beamcep.pipeline.sink;

import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertJson;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Alerts to a Kafka topic: key = the alert's partition key (so one user's alerts stay ordered in
 * one partition), value = the alert as JSON ({@link AlertJson}).
 */
public final class KafkaAlerts extends PTransform<PCollection<Alert>, PDone> {
  private final String bootstrapServers;
  private final String topic;

  private KafkaAlerts(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  public static KafkaAlerts to(String bootstrapServers, String topic) {
    if (bootstrapServers == null
        || bootstrapServers.isBlank()
        || topic == null
        || topic.isBlank()) {
      throw new IllegalArgumentException("the kafka sink needs --kafkaBrokers and --outputTopic");
    }
    return new KafkaAlerts(bootstrapServers, topic);
  }

  @Override
  public PDone expand(PCollection<Alert> alerts) {
    return alerts
        .apply(
            "KeyAndJson",
            MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                .via((Alert alert) -> KV.of(alert.key(), AlertJson.toJson(alert))))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply(
            "WriteKafka",
            KafkaIO.<String, String>write()
                .withBootstrapServers(bootstrapServers)
                .withTopic(topic)
                .withKeySerializer(StringSerializer.class)
                .withValueSerializer(StringSerializer.class));
  }
}
