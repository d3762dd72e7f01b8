package io.beamcep.patterns.synthetic;

import io.beamcep.patterns.event.Event;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Counts, in one pass over a stream, the properties the generator promises. */
final class StreamStats {
  private final Map<String, Long> byType = new HashMap<>();
  private final Map<String, Long> byUser = new HashMap<>();
  private final Map<String, UserTrail> trails = new HashMap<>();
  private final Set<String> sessionIds = new HashSet<>();
  long total;
  long timeTextMismatches;
  long timeGoingBack;
  long firstTimestamp = Long.MIN_VALUE;
  long lastTimestamp = Long.MIN_VALUE;
  long priceDrops;
  long cartsAfterViewOfSameProduct;
  long purchasesOfCartedProduct;
  long viewCartPurchaseChains;
  long strictPriceDropThenCart;
  long sessions;

  /** What we remember of one user: prices seen per product, carted products, the last events. */
  private static final class UserTrail {
    final Map<String, Double> lastPriceSeen = new HashMap<>();
    final Set<String> viewed = new HashSet<>();
    final Set<String> carted = new HashSet<>();
    final Set<String> viewedThenCarted = new HashSet<>();
    Event previous;
    boolean previousWasPriceDrop;
  }

  static StreamStats of(Iterable<TimedEvent> stream) {
    StreamStats stats = new StreamStats();
    stream.forEach(stats::add);
    stats.sessions = stats.sessionIds.size();
    return stats;
  }

  private void add(TimedEvent timed) {
    Event event = timed.event();
    total++;
    if (firstTimestamp == Long.MIN_VALUE) {
      firstTimestamp = timed.timestamp();
    }
    if (timed.timestamp() < lastTimestamp) {
      timeGoingBack++;
    }
    lastTimestamp = timed.timestamp();
    if (ClickStreamGeneratorTest.parseEventTime(event.getString("eventTime"))
        != timed.timestamp()) {
      timeTextMismatches++;
    }
    String type = event.getString("eventType");
    String user = event.getString("userId");
    String product = event.getString("productId");
    double price = event.getDouble("price");
    byType.merge(type, 1L, Long::sum);
    byUser.merge(user, 1L, Long::sum);
    sessionIds.add(event.getString("userSession"));

    UserTrail trail = trails.computeIfAbsent(user, u -> new UserTrail());
    boolean priceDrop = false;
    switch (type) {
      case "view" -> {
        Double before = trail.lastPriceSeen.get(product);
        priceDrop = before != null && price < before;
        if (priceDrop) {
          priceDrops++;
        }
        trail.lastPriceSeen.put(product, price);
        trail.viewed.add(product);
      }
      case "cart" -> {
        Event previous = trail.previous;
        if (previous != null && previous.getString("eventType").equals("view")
            && previous.getString("productId").equals(product)) {
          cartsAfterViewOfSameProduct++;
        }
        if (trail.previousWasPriceDrop && previous.getString("productId").equals(product)) {
          strictPriceDropThenCart++;
        }
        trail.carted.add(product);
        if (trail.viewed.contains(product)) {
          trail.viewedThenCarted.add(product);
        }
      }
      case "purchase" -> {
        if (trail.carted.contains(product)) {
          purchasesOfCartedProduct++;
        }
        if (trail.viewedThenCarted.contains(product)) {
          viewCartPurchaseChains++;
        }
      }
      default -> throw new AssertionError("unexpected eventType " + type);
    }
    trail.previous = event;
    trail.previousWasPriceDrop = priceDrop;
  }

  long count(String type) {
    return byType.getOrDefault(type, 0L);
  }

  double share(String type) {
    return (double) count(type) / total;
  }

  int users() {
    return byUser.size();
  }

  double shareOfTopUsers(int topUsers) {
    List<Long> counts = byUser.values().stream().sorted((a, b) -> Long.compare(b, a))
        .limit(topUsers).collect(Collectors.toList());
    return counts.stream().mapToLong(Long::longValue).sum() / (double) total;
  }
}
