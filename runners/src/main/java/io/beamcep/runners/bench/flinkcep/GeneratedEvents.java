package io.beamcep.runners.bench.flinkcep;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import io.beamcep.patterns.synthetic.TimedEvent;
import org.apache.flink.streaming.api.functions.source.SourceFunction;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * The synthetic click stream as a Flink source (run with parallelism 1): regenerated from its seed
 * inside the task instead of shipping a million events in the job graph. Event time is the
 * generator's timestamp; the stream is in time order, so the watermark trails the last timestamp
 * by 1 ms (Flink's monotonous-timestamps rule) and no event is ever late.
 */
public final class GeneratedEvents implements SourceFunction<Event> {
  private static final long serialVersionUID = 1L;
  private static final int WATERMARK_EVERY = 1_000;

  private final long seed;
  private final int users;
  private final long events;
  private volatile boolean running = true;

  public GeneratedEvents(long seed, int users, long events) {
    this.seed = seed;
    this.users = users;
    this.events = events;
  }

  @Override
  public void run(SourceContext<Event> out) {
    ClickStreamGenerator generator =
        ClickStreamGenerator.builder().seed(seed).users(users).events(events).build();
    long emitted = 0;
    for (TimedEvent timed : generator) {
      if (!running) {
        return;
      }
      synchronized (out.getCheckpointLock()) {
        out.collectWithTimestamp(timed.event(), timed.timestamp());
        if (++emitted % WATERMARK_EVERY == 0) {
          out.emitWatermark(new Watermark(timed.timestamp() - 1));
        }
      }
    }
  }

  @Override
  public void cancel() {
    running = false;
  }
}
