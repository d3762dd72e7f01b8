package io.beamcep.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A count shared by the workers of one JVM, published as counters: what the workers take adds up
 * to what was counted, however their adds and takes interleave.
 */
class SharedCountTest {

  @Test
  void eachIncrementIsTakenOnce() {
    SharedCount count = new SharedCount();
    count.add(3);
    count.increment();

    assertEquals(4, count.takeUnreported());
    assertEquals(0, count.takeUnreported());
    count.increment();
    assertEquals(1, count.takeUnreported());
    assertEquals(5, count.sum());
  }

  @Test
  void workersTakingWhileOthersAddTakeEveryIncrementExactlyOnce() throws Exception {
    SharedCount count = new SharedCount();
    int workers = 4;
    int incrementsEach = 200_000;
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Long>> taken = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        // as a matcher worker: counts, then reports what is unreported, after every element
        taken.add(pool.submit(() -> {
          go.await();
          long mine = 0;
          for (int i = 0; i < incrementsEach; i++) {
            count.increment();
            mine += count.takeUnreported();
          }
          return mine;
        }));
      }
      go.countDown();
      long sum = 0;
      for (Future<Long> worker : taken) {
        sum += worker.get();
      }
      sum += count.takeUnreported(); // what the last sums missed

      assertEquals((long) workers * incrementsEach, sum);
    } finally {
      pool.shutdownNow();
    }
  }
}
