package io.beamcep.pipeline.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Elements of a running (possibly never-ending) pipeline, collected in this JVM so a test can wait
 * for them with awaitility. Only for runners that execute in the test's JVM (Direct, embedded
 * Flink).
 */
public final class Collected<T> {
  private static final Map<String, List<Object>> BUCKETS = new ConcurrentHashMap<>();

  private final String bucket;

  private Collected(String bucket) {
    this.bucket = bucket;
    BUCKETS.put(bucket, new CopyOnWriteArrayList<>());
  }

  /** Collects every element of {@code collection} (in arrival order) into a fresh bucket. */
  public static <T> Collected<T> from(PCollection<T> collection, String name) {
    Collected<T> collected = new Collected<>(name + "-" + UUID.randomUUID());
    collection.apply("Collect" + name, ParDo.of(new AddFn<>(collected.bucket)));
    return collected;
  }

  @SuppressWarnings("unchecked")
  public List<T> elements() {
    return List.copyOf((List<T>) (List<?>) BUCKETS.get(bucket));
  }

  public T last() {
    List<T> all = elements();
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  private static final class AddFn<T> extends DoFn<T, Void> {
    private final String bucket;

    AddFn(String bucket) {
      this.bucket = bucket;
    }

    @ProcessElement
    public void add(@Element T element) {
      BUCKETS.get(bucket).add(element);
    }
  }
}
