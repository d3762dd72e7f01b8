package io.beamcep.patterns.synthetic;

import io.beamcep.patterns.event.Event;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Produces the stream one event at a time. Per-user memory is a handful of array slots (session,
 * last viewed product, a small ring of recently viewed products, the cart), so memory grows with
 * the number of users, never with the number of events.
 */
final class ClickStreamIterator implements Iterator<TimedEvent> {
  /** The seed's click_stream columns, in its order. */
  static final String[] FIELD_NAMES = {
    "id", "eventTime", "eventType", "productId", "categoryId", "categoryCode", "brand", "price",
    "userId", "userSession"
  };
  private static final long SESSION_GAP_MILLIS = 30 * 60 * 1000L;
  private static final int RECENT = 4;

  private static final double PURCHASE = 0.024;
  private static final double CART = 0.036;
  /** Purchases by users with an empty cart, as a fraction of all purchases. */
  private static final double STRAY_PURCHASE_SHARE = 0.1;
  /** Carts by users who viewed nothing yet in this session, as a fraction of the other carts. */
  private static final double STRAY_CART_SHARE = 0.1;
  /** Cart probability right after a user saw a price drop: cheaper items get carted. */
  private static final double CART_AFTER_DROP = 0.20;
  private static final double REPEAT_VIEW = 0.35;
  private static final double REPEAT_LAST = 0.6;
  private static final double PRICE_DROP = 0.10;
  private static final double SAME_CATEGORY = 0.5;
  private static final double CART_LAST_VIEWED = 0.9;

  private final SplittableRandom random;
  private final long total;
  private final Catalog catalog;
  private final UserSampler sampler;
  private final long startMillis;
  private final double meanGapMillis;
  private final EventTimeText timeText = new EventTimeText();

  private final long[] lastSeen;
  private final String[] userIds;
  private final String[] sessions;
  private final int[] lastViewed; // product + 1; 0 = none this session
  private final int[] lastViewedPrice;
  private final boolean[] afterDrop;
  private final int[] recent; // RECENT slots per user: product + 1
  private final int[] recentPrice;
  private final byte[] recentCount;
  private final int[] cart; // product + 1; 0 = empty
  private final int[] cartPrice;

  private long produced;
  private double clockMillis;
  // How often, lately, the drawn user had something in the cart / had just seen a price drop
  // (moving averages over about 2,000 events: the first drifts up as abandoned carts pile up). The
  // type probabilities are conditioned on these states and solved from these rates, so the overall
  // mix stays 94 / 3.6 / 2.4 % whatever the number of users, events or the rate.
  private static final double RATE_SMOOTHING = 1.0 / 2_000;
  private double cartHeld = 0.05;
  private double dropSeen = 0.01;
  private double viewedBefore =
      0.5; // among events not right after a drop: user viewed this session

  ClickStreamIterator(
      long seed,
      long total,
      Catalog catalog,
      UserSampler sampler,
      long startMillis,
      double meanGapMillis) {
    this.random = new SplittableRandom(seed);
    this.total = total;
    this.catalog = catalog;
    this.sampler = sampler;
    this.startMillis = startMillis;
    this.meanGapMillis = meanGapMillis;
    int users = sampler.users();
    lastSeen = new long[users];
    java.util.Arrays.fill(lastSeen, Long.MIN_VALUE);
    userIds = new String[users];
    sessions = new String[users];
    lastViewed = new int[users];
    lastViewedPrice = new int[users];
    afterDrop = new boolean[users];
    recent = new int[users * RECENT];
    recentPrice = new int[users * RECENT];
    recentCount = new byte[users];
    cart = new int[users];
    cartPrice = new int[users];
  }

  @Override
  public boolean hasNext() {
    return produced < total;
  }

  @Override
  public TimedEvent next() {
    if (produced >= total) {
      throw new NoSuchElementException("the synthetic stream has " + total + " events");
    }
    long timestamp = startMillis + (long) clockMillis;
    clockMillis += -Math.log(1.0 - random.nextDouble()) * meanGapMillis;
    int user = sampler.next(random);
    if (lastSeen[user] == Long.MIN_VALUE || timestamp - lastSeen[user] > SESSION_GAP_MILLIS) {
      startSession(user);
    }
    lastSeen[user] = timestamp;

    boolean hasCart = cart[user] != 0;
    cartHeld += ((hasCart ? 1 : 0) - cartHeld) * RATE_SMOOTHING;
    dropSeen += ((afterDrop[user] ? 1 : 0) - dropSeen) * RATE_SMOOTHING;
    boolean hasViewed = lastViewed[user] != 0;
    if (!afterDrop[user]) {
      viewedBefore += ((hasViewed ? 1 : 0) - viewedBefore) * RATE_SMOOTHING;
    }
    double strayChance = PURCHASE * STRAY_PURCHASE_SHARE;
    double purchaseChance = hasCart
        ? clamp((PURCHASE - strayChance * (1 - cartHeld)) / cartHeld, 0.9)
        : strayChance;
    double cartChance;
    if (afterDrop[user]) {
      cartChance = CART_AFTER_DROP;
    } else {
      double otherwise = (CART - CART_AFTER_DROP * dropSeen) / (1 - dropSeen);
      double blind = otherwise * STRAY_CART_SHARE;
      cartChance = hasViewed
          ? clamp((otherwise - blind * (1 - viewedBefore)) / viewedBefore, 0.09)
          : blind;
    }
    double draw = random.nextDouble();
    String type;
    int product;
    int priceCents;
    if (draw < purchaseChance) {
      type = "purchase";
      if (hasCart) {
        product = cart[user] - 1;
        priceCents = cartPrice[user];
        cart[user] = 0;
      } else if (lastViewed[user] != 0) {
        product = lastViewed[user] - 1;
        priceCents = lastViewedPrice[user];
      } else {
        product = popularProduct();
        priceCents = catalog.listPriceCents(product);
      }
      afterDrop[user] = false;
    } else if (draw < purchaseChance + cartChance) {
      type = "cart";
      if (lastViewed[user] != 0 && random.nextDouble() < CART_LAST_VIEWED) {
        product = lastViewed[user] - 1;
        priceCents = lastViewedPrice[user];
      } else if (recentCount[user] > 0) {
        int slot = user * RECENT + random.nextInt(recentCount[user]);
        product = recent[slot] - 1;
        priceCents = recentPrice[slot];
      } else {
        product = popularProduct();
        priceCents = catalog.listPriceCents(product);
      }
      cart[user] = product + 1;
      cartPrice[user] = priceCents;
      afterDrop[user] = false;
    } else {
      type = "view";
      long viewed = view(user);
      product = (int) (viewed >>> 32);
      priceCents = (int) viewed;
    }
    Event event = event(user, timestamp, type, product, priceCents);
    produced++;
    return new TimedEvent(event, timestamp);
  }

  private static double clamp(double chance, double max) {
    return Math.max(0, Math.min(chance, max));
  }

  /** Chooses what the user views; returns product << 32 | price in cents. */
  private long view(int user) {
    int base = user * RECENT;
    int count = recentCount[user];
    if (count > 0 && random.nextDouble() < REPEAT_VIEW) {
      int slot = -1;
      if (random.nextDouble() < REPEAT_LAST) {
        for (int i = 0; i < count; i++) {
          if (recent[base + i] == lastViewed[user]) {
            slot = base + i;
          }
        }
      }
      if (slot < 0) {
        slot = base + random.nextInt(count);
      }
      int product = recent[slot] - 1;
      int seen = recentPrice[slot];
      int price = seen;
      if (seen > 1 && random.nextDouble() < PRICE_DROP) {
        // 5 to 30 % off what this user saw before.
        price = Math.max(1, (int) Math.round(seen * (0.70 + 0.25 * random.nextDouble())));
        recentPrice[slot] = price;
      }
      afterDrop[user] = price < seen;
      lastViewed[user] = product + 1;
      lastViewedPrice[user] = price;
      return ((long) product << 32) | price;
    }
    int product;
    if (lastViewed[user] != 0 && random.nextDouble() < SAME_CATEGORY) {
      int category = catalog.category(lastViewed[user] - 1);
      int categories = catalog.categories();
      int inCategory = (catalog.size() - 1 - category) / categories + 1;
      product =
          category < catalog.size()
              ? category + categories * random.nextInt(inCategory)
              : popularProduct();
    } else {
      product = popularProduct();
    }
    int price = catalog.listPriceCents(product);
    int slot = count < RECENT ? count : random.nextInt(RECENT);
    recent[base + slot] = product + 1;
    recentPrice[base + slot] = price;
    if (count < RECENT) {
      recentCount[user] = (byte) (count + 1);
    }
    afterDrop[user] = false;
    lastViewed[user] = product + 1;
    lastViewedPrice[user] = price;
    return ((long) product << 32) | price;
  }

  /** A product biased to the head of the catalog: P(index < x) = (x / size)^(1/3). */
  private int popularProduct() {
    double u = random.nextDouble();
    return Math.min(catalog.size() - 1, (int) (catalog.size() * u * u * u));
  }

  private void startSession(int user) {
    UUID id = new UUID(
        (random.nextLong() & ~0xF000L) | 0x4000L,
        (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    sessions[user] = id.toString();
    lastViewed[user] = 0;
    recentCount[user] = 0;
    afterDrop[user] = false;
  }

  private Event event(int user, long timestamp, String type, int product, int priceCents) {
    Object[] values = {
      produced + 1,
      timeText.format(timestamp),
      type,
      catalog.productId(product),
      catalog.categoryId(product),
      catalog.categoryCode(product),
      catalog.brand(product),
      priceCents / 100.0,
      userId(user),
      sessions[user]
    };
    return Event.ofFields(FIELD_NAMES, values);
  }

  private String userId(int user) {
    String id = userIds[user];
    if (id == null) {
      // A bijection of the rank onto 9-digit ids (the multiplier is coprime to 10^8).
      id = Long.toString(500_000_000L + (user * 48_271_459L) % 100_000_000L);
      userIds[user] = id;
    }
    return id;
  }
}
