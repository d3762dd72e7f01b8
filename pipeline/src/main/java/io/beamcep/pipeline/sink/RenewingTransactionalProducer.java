package io.beamcep.pipeline.sink;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once sink's transactional producer, renewed when it can begin no transaction.
 *
 * <p>Beam's exactly-once writer keeps its producer in a cache of the JVM between bundles, and puts
 * it back even when its bundle failed. A task cancelled midway through a transaction (the job
 * failing elsewhere) so leaves a producer still in that transaction; the restored job's writer
 * takes it from the cache, cannot begin a transaction, fails, puts it back, and the job fails at
 * every restart. That happens wherever the restarted task runs in the same JVM: always on the
 * embedded Flink, and on a cluster whose TaskManager survived the failure. This producer then
 * closes the stuck one and makes a new one under the same transactional id; its {@code
 * initTransactions} fences the old one and ends the transaction it left (aborted when open, as the
 * restored job writes those alerts again; completed when its commit had begun).
 */
final class RenewingTransactionalProducer<K, V> implements Producer<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(RenewingTransactionalProducer.class);

  private final Map<String, Object> config;
  private Producer<K, V> producer;

  RenewingTransactionalProducer(Map<String, Object> config) {
    this.config = Map.copyOf(config);
    this.producer = new KafkaProducer<>(this.config);
  }

  @Override
  public void beginTransaction() {
    try {
      producer.beginTransaction();
    } catch (RuntimeException stuck) {
      LOG.warn("transactional producer {} cannot begin a transaction ({}); making a new one",
          config.get("transactional.id"), stuck.toString());
      try {
        producer.close(Duration.ZERO);
      } catch (RuntimeException closing) {
        stuck.addSuppressed(closing);
      }
      producer = new KafkaProducer<>(config);
      producer.initTransactions();
      producer.beginTransaction();
    }
  }

  @Override
  public void initTransactions() {
    producer.initTransactions();
  }

  @Override
  public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
      String consumerGroupId) {
    producer.sendOffsetsToTransaction(offsets, new ConsumerGroupMetadata(consumerGroupId));
  }

  @Override
  public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
      ConsumerGroupMetadata groupMetadata) {
    producer.sendOffsetsToTransaction(offsets, groupMetadata);
  }

  @Override
  public void commitTransaction() {
    producer.commitTransaction();
  }

  @Override
  public void abortTransaction() {
    producer.abortTransaction();
  }

  @Override
  public Future<RecordMetadata> send(ProducerRecord<K, V> record) {
    return producer.send(record);
  }

  @Override
  public Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
    return producer.send(record, callback);
  }

  @Override
  public void flush() {
    producer.flush();
  }

  @Override
  public List<PartitionInfo> partitionsFor(String topic) {
    return producer.partitionsFor(topic);
  }

  @Override
  public Map<MetricName, ? extends Metric> metrics() {
    return producer.metrics();
  }

  @Override
  public Uuid clientInstanceId(Duration timeout) {
    return producer.clientInstanceId(timeout);
  }

  @Override
  public void close() {
    producer.close();
  }

  @Override
  public void close(Duration timeout) {
    producer.close(timeout);
  }
}
