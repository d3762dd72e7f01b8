package io.beamcep.runners.bench.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the alert topic and computes, per MATCH alert, consumed time - send time of the alert's
 * last event. The last event is the one sent last among the alert's events (AlertJson lists them
 * under each pattern name with their {@code id}): a match cannot be complete before it was sent,
 * and it is the one that completed the match. Timeout alerts are counted apart: they come out when
 * a window closes, which is a rule's time, not the pipeline's latency.
 */
final class AlertLatencies implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String bootstrapServers;
  private final String topic;
  private final SendTimes sendTimes;
  private final CountDownLatch firstAlert = new CountDownLatch(1);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean stopped;

  // Written by the consumer thread only; read after stop() joined it.
  private long[] lastSent = new long[1 << 16];
  private long[] consumed = new long[1 << 16];
  private long[] latency = new long[1 << 16];
  private int size;
  private long timeouts;
  private long unknown;

  AlertLatencies(String bootstrapServers, String topic, SendTimes sendTimes) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.sendTimes = sendTimes;
  }

  CountDownLatch firstAlert() {
    return firstAlert;
  }

  void stop() {
    stopped = true;
  }

  Throwable failure() {
    return failure.get();
  }

  @Override
  public void run() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // The broker answers a fetch as soon as a record arrives; this bounds only the empty case.
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!stopped) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(50));
        long consumed = System.nanoTime();
        for (ConsumerRecord<String, String> record : records) {
          add(record.value(), consumed);
        }
      }
    } catch (Exception e) {
      failure.compareAndSet(null, e);
    }
  }

  private void add(String alertJson, long consumedNanos) throws java.io.IOException {
    JsonNode alert = JSON.readTree(alertJson);
    if (!"MATCH".equals(alert.path("kind").asText())) {
      timeouts++;
      return;
    }
    long last = SendTimes.UNKNOWN;
    for (JsonNode events : alert.path("events")) {
      for (JsonNode event : events) {
        long sent = sendTimes.sentNanos(event.path("id").asLong(-1));
        if (sent == SendTimes.UNKNOWN) {
          unknown++;
          return;
        }
        last = Math.max(last, sent);
      }
    }
    if (last == SendTimes.UNKNOWN) {
      unknown++;
      return;
    }
    if (size == latency.length) {
      lastSent = Arrays.copyOf(lastSent, size * 2);
      consumed = Arrays.copyOf(consumed, size * 2);
      latency = Arrays.copyOf(latency, size * 2);
    }
    lastSent[size] = last;
    consumed[size] = consumedNanos;
    latency[size] = consumedNanos - last;
    size++;
    firstAlert.countDown();
  }

  /** Latencies (microseconds) of the match alerts whose last event was sent in [from, to). */
  long[] latenciesMicros(long fromNanos, long toNanos) {
    return java.util.stream.IntStream.range(0, size)
        .filter(i -> lastSent[i] >= fromNanos && lastSent[i] < toNanos)
        .mapToLong(i -> Math.floorDiv(latency[i], 1000L)).toArray();
  }

  /**
   * Latencies (microseconds) of the match alerts consumed in [from, to), whatever their send
   * time: when the job falls behind, the alerts of the measured events arrive after the drain,
   * and this shows how late they are running.
   */
  long[] consumedLatenciesMicros(long fromNanos, long toNanos) {
    return java.util.stream.IntStream.range(0, size)
        .filter(i -> consumed[i] >= fromNanos && consumed[i] < toNanos)
        .mapToLong(i -> Math.floorDiv(latency[i], 1000L)).toArray();
  }

  long matchAlerts() {
    return size;
  }

  long timeoutAlerts() {
    return timeouts;
  }

  /** Alerts naming an event this run did not send: a stale topic, or events without ids. */
  long unknownAlerts() {
    return unknown;
  }
}
