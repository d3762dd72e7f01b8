package io.beamcep.patterns.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.beamcep.patterns.event.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Iterator;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A deterministic synthetic e-commerce click stream shaped like the REES46 data set the reference
 * scenarios use: the same seed and settings always give the same events.
 *
 * <p>Each event has the seed's fields in the seed's order: {@code id} (running, from 1),
 * {@code eventTime} (UTC {@code yyyy-MM-dd HH:mm:ss.S}), {@code eventType} (view, cart, purchase
 * in about 94 / 3.6 / 2.4 %), {@code productId}, {@code categoryId}, {@code categoryCode},
 * {@code brand}, {@code price} (2 decimals), {@code userId}, {@code userSession}. A few users
 * produce most events (Zipf-Mandelbrot); users browse in sessions (a new session after 30 minutes
 * of inactivity), view the same product again, sometimes see it again at a lower price, put
 * mostly the product they just viewed in the cart and mostly buy what is in their cart. Event time
 * never decreases; gaps are exponential around the configured mean rate.
 *
 * <p>Streaming: memory is O(users + products), never O(events). Each {@link #iterator()} starts
 * the stream from the beginning.
 */
public final class ClickStreamGenerator implements Iterable<TimedEvent> {
  private final long seed;
  private final int users;
  private final long events;
  private final int products;
  private final long startMillis;
  private final double eventsPerSecond;
  private final double userSkew;

  private ClickStreamGenerator(Builder builder) {
    this.seed = builder.seed;
    this.users = builder.users;
    this.events = builder.events;
    this.products = builder.products;
    this.startMillis = builder.startMillis;
    this.eventsPerSecond = builder.eventsPerSecond;
    this.userSkew = builder.userSkew;
  }

  public static Builder builder() {
    return new Builder();
  }

  public long events() {
    return events;
  }

  public int users() {
    return users;
  }

  @Override
  public Iterator<TimedEvent> iterator() {
    return new ClickStreamIterator(
        seed, events, new Catalog(products, seed), new UserSampler(users, userSkew), startMillis,
        1000.0 / eventsPerSecond);
  }

  public Stream<TimedEvent> stream() {
    return StreamSupport.stream(spliterator(), false);
  }

  /** Writes every event as one JSON object per line (the testdata format); returns the count. */
  public long writeJsonLines(Writer out) {
    return writeJsonLines(out, written -> {});
  }

  /**
   * Writes every event as one JSON object per line. {@code progress} receives the running count
   * every 10,000 events and once at the end (for progress bars).
   */
  public long writeJsonLines(Writer out, LongConsumer progress) {
    long written = 0;
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
      for (TimedEvent timed : this) {
        EventJson.write(json, timed.event());
        written++;
        if (written % 10_000 == 0) {
          progress.accept(written);
        }
      }
      if (written > 0) {
        json.writeRaw('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the synthetic click stream", e);
    }
    progress.accept(written);
    return written;
  }

  /** Settings of the stream; every one has a default, so {@code builder().build()} works. */
  public static final class Builder {
    private long seed = 42;
    private int users = 50_000;
    private long events = 1_000_000;
    private int products = 20_000;
    private long startMillis = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
    private double eventsPerSecond = 200;
    private double userSkew = 1.0;

    private Builder() {}

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Number of distinct users (keys), 1 to 100,000,000. Default 50,000. */
    public Builder users(int users) {
      if (users < 1 || users > 100_000_000) {
        throw new IllegalArgumentException("users must be between 1 and 100000000, got " + users);
      }
      this.users = users;
      return this;
    }

    /** Number of events in the stream, at least 0. Default 1,000,000. */
    public Builder events(long events) {
      if (events < 0) {
        throw new IllegalArgumentException("events must be >= 0, got " + events);
      }
      this.events = events;
      return this;
    }

    /** Size of the product catalog, 1 to 10,000,000. Default 20,000. */
    public Builder products(int products) {
      if (products < 1 || products > 10_000_000) {
        throw new IllegalArgumentException(
            "products must be between 1 and 10000000, got " + products);
      }
      this.products = products;
      return this;
    }

    /** Event time of the first event. Default 2020-01-01T00:00:00Z. */
    public Builder start(Instant start) {
      long millis = start.toEpochMilli();
      if (millis < 0 || start.isAfter(Instant.parse("9000-01-01T00:00:00Z"))) {
        throw new IllegalArgumentException("start must be between 1970 and 9000, got " + start);
      }
      this.startMillis = millis;
      return this;
    }

    /** Mean number of events per second of event time, over all users. Default 200. */
    public Builder eventsPerSecond(double eventsPerSecond) {
      if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
        throw new IllegalArgumentException("eventsPerSecond must be > 0, got " + eventsPerSecond);
      }
      this.eventsPerSecond = eventsPerSecond;
      return this;
    }

    /** Zipf exponent of activity over users: 0 = uniform, larger = more skewed. Default 1.0. */
    public Builder userSkew(double userSkew) {
      if (!(userSkew >= 0) || userSkew > 5) {
        throw new IllegalArgumentException("userSkew must be between 0 and 5, got " + userSkew);
      }
      this.userSkew = userSkew;
      return this;
    }

    public ClickStreamGenerator build() {
      return new ClickStreamGenerator(this);
    }
  }
}
