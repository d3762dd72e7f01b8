package io.beamcep.runners.bench.latency;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the alert topic and computes, per MATCH alert, consumed time - send time of the event
 * that completed the match. That is the alert's last event (the one sent last among its events;
 * AlertJson lists them under each pattern name with their {@code id}), except for rules whose
 * last step is a NOT_NEXT: Flink CEP decides those at the key's next event (it must not be the
 * excluded one), which the alert does not list, so the latency runs from the next event sent
 * with the same key. Timeout alerts are counted apart: they come out when a window closes, which
 * is a rule's time, not the pipeline's latency.
 */
final class AlertLatencies implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String bootstrapServers;
  private final String topic;
  private final SendTimes sendTimes;
  private final Set<String> decidedByNextEvent;
  private final CountDownLatch firstAlert = new CountDownLatch(1);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean stopped;

  // Written by the consumer thread only; read after stop() joined it.
  private long[] lastSent = new long[1 << 16];
  private long[] consumed = new long[1 << 16];
  private long[] latency = new long[1 << 16];
  private String[] ruleIds = new String[1 << 16];
  private int size;
  private long timeouts;
  private long unknown;

  /**
   * @param decidedByNextEvent ids of the rules whose matches are completed by the key's event
   *     after their last one (see the class comment)
   */
  AlertLatencies(String bootstrapServers, String topic, SendTimes sendTimes,
      Set<String> decidedByNextEvent) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.sendTimes = sendTimes;
    this.decidedByNextEvent = Set.copyOf(decidedByNextEvent);
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
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
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

  /** Takes one consumed alert (package-private for tests). */
  void add(String alertJson, long consumedNanos) throws IOException {
    if (!readAlert(alertJson)) {
      timeouts++;
      return;
    }
    long last = SendTimes.UNKNOWN;
    long lastId = 0;
    for (int i = 0; i < idCount; i++) {
      long id = ids[i];
      long sent = sendTimes.sentNanos(id);
      if (sent == SendTimes.UNKNOWN) {
        unknown++;
        return;
      }
      if (sent > last) {
        last = sent;
        lastId = id;
      }
    }
    if (last != SendTimes.UNKNOWN && decidedByNextEvent.contains(alertRuleId)) {
      // The alert exists, so the event that decided it was sent before it was consumed.
      last = sendTimes.sentNanos(sendTimes.nextOfSameKey(lastId));
    }
    if (last == SendTimes.UNKNOWN) {
      unknown++;
      return;
    }
    if (size == latency.length) {
      lastSent = Arrays.copyOf(lastSent, size * 2);
      consumed = Arrays.copyOf(consumed, size * 2);
      latency = Arrays.copyOf(latency, size * 2);
      ruleIds = Arrays.copyOf(ruleIds, size * 2);
    }
    ruleIds[size] = alertRuleId;
    lastSent[size] = last;
    consumed[size] = consumedNanos;
    latency[size] = consumedNanos - last;
    size++;
    firstAlert.countDown();
  }

  // What readAlert found in the last alert (consumer thread only).
  private String alertRuleId;
  private long[] ids = new long[16];
  private int idCount;

  /**
   * Reads one alert (AlertJson's schema) with a streaming parser, keeping only its rule id and
   * its events' ids: building a tree per alert made this consumer, which shares the JVM with the
   * job under test, an eighth of all garbage. An event whose id is missing or not a number gets -1
   * (unknown).
   *
   * @return true for a MATCH alert
   */
  private boolean readAlert(String alertJson) throws IOException {
    alertRuleId = "";
    idCount = 0;
    String kind = "";
    try (JsonParser json = JSON.getFactory().createParser(alertJson)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalStateException("alert is not a JSON object: " + alertJson);
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.getCurrentName();
        JsonToken value = json.nextToken();
        if ("kind".equals(field)) {
          kind = json.getValueAsString("");
        } else if ("ruleId".equals(field)) {
          alertRuleId = json.getValueAsString("");
        } else if ("events".equals(field) && value == JsonToken.START_OBJECT) {
          readEventIds(json);
        } else {
          json.skipChildren();
        }
      }
    }
    return "MATCH".equals(kind);
  }

  private void readEventIds(JsonParser json) throws IOException {
    while (json.nextToken() == JsonToken.FIELD_NAME) { // one array per pattern name
      if (json.nextToken() != JsonToken.START_ARRAY) {
        json.skipChildren();
        continue;
      }
      while (json.nextToken() == JsonToken.START_OBJECT) {
        long id = -1;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          boolean isId = "id".equals(json.getCurrentName());
          JsonToken value = json.nextToken();
          if (isId && value.isNumeric()) {
            id = json.getLongValue();
          } else if (isId && value == JsonToken.VALUE_STRING) {
            id = json.getValueAsLong(-1);
          } else {
            json.skipChildren();
          }
        }
        if (idCount == ids.length) {
          ids = Arrays.copyOf(ids, idCount * 2);
        }
        ids[idCount++] = id;
      }
    }
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

  /**
   * Writes every match alert as {@code rule,sent_ms,consumed_ms,latency_ms}, times in milliseconds
   * since {@code originNanos}, in consumption order: plotted, it shows whether slow alerts come in
   * bursts (stalls) or as a growing backlog. Call after the consumer has stopped.
   */
  void writeTimeline(Path file, long originNanos) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("rule,sent_ms,consumed_ms,latency_ms\n");
      for (int i = 0; i < size; i++) {
        out.write(String.format(Locale.ROOT, "%s,%.3f,%.3f,%.3f%n", ruleIds[i],
            (lastSent[i] - originNanos) / 1e6,
            (consumed[i] - originNanos) / 1e6, latency[i] / 1e6));
      }
    }
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
