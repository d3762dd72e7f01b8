package io.beamcep.runners.bench.latency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import io.beamcep.patterns.synthetic.TimedEvent;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends the synthetic click stream to Kafka at a fixed rate (open loop: event i is due at
 * start + i / rate whatever the pipeline does, so a slow pipeline shows up as latency, not as a
 * lower rate), keyed by userId, each event's JSON as generated ({@code eventTime} included).
 * The moment each event is handed to the producer is kept in {@link SendTimes} under its id.
 */
final class PacedProducer implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String bootstrapServers;
  private final String topic;
  private final ClickStreamGenerator generator;
  private final double rate;
  private final int lingerMs;
  private final SendTimes sendTimes;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean stopped;

  PacedProducer(String bootstrapServers, String topic, ClickStreamGenerator generator, double rate,
      int lingerMs, SendTimes sendTimes) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.generator = generator;
    this.rate = rate;
    this.lingerMs = lingerMs;
    this.sendTimes = sendTimes;
  }

  /** Events handed to the producer so far. */
  long sent() {
    return sent.get();
  }

  void stop() {
    stopped = true;
  }

  /** Why sending stopped early (broker gone, send-time table full), or null. */
  Throwable failure() {
    return failure.get();
  }

  @Override
  public void run() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
    // The leader's ack is enough on a one-broker cluster; the bench measures the pipeline.
    props.put(ProducerConfig.ACKS_CONFIG, "1");
    long periodNanos = Math.round(1e9 / rate);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      Iterator<TimedEvent> events = generator.iterator();
      long start = System.nanoTime();
      long index = 0;
      while (!stopped && events.hasNext()) {
        long due = start + index * periodNanos;
        long now = System.nanoTime();
        if (due > now) {
          // parkNanos overshoots by tens of microseconds; events due meanwhile go out together.
          LockSupport.parkNanos(due - now);
          continue;
        }
        Event event = events.next().event();
        long id = ((Number) event.fields().get("id")).longValue();
        if (id > sendTimes.capacity()) {
          throw new IllegalStateException("send-time table full at event " + id
              + "; the run sends more events than --rate x (priming + warm-up + duration) allows");
        }
        String value = JSON.writeValueAsString(event.fields());
        String key = String.valueOf(event.fields().get("userId"));
        sendTimes.record(id, key, System.nanoTime());
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
            stopped = true;
          }
        });
        sent.incrementAndGet();
        index++;
      }
    } catch (JsonProcessingException | RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }
}
