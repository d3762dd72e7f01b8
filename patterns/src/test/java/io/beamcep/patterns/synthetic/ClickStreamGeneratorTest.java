package io.beamcep.patterns.synthetic;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.patterns.event.Event;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The synthetic stream: deterministic, REES46-shaped, with the behaviours the scenarios look for.
 */
class ClickStreamGeneratorTest {
  private static final int EVENTS = 200_000;
  private static final int USERS = 50_000;

  /** Statistics of one 200k-event stream, gathered in a single streaming pass. */
  private static StreamStats stats;

  @BeforeAll
  static void generateOnce() {
    // 20 events per second: the 200k events span almost three hours, so sessions expire.
    stats = StreamStats.of(
        ClickStreamGenerator.builder().seed(7).users(USERS).events(EVENTS).eventsPerSecond(20)
            .build());
  }

  @Test
  void sameSeedAndSettingsGiveTheSameStream() {
    List<TimedEvent> first =
        take(ClickStreamGenerator.builder().seed(11).users(500).events(5_000).build());
    List<TimedEvent> second =
        take(ClickStreamGenerator.builder().seed(11).users(500).events(5_000).build());
    assertThat(second, equalTo(first));
  }

  @Test
  void iteratingTwiceReplaysTheStream() {
    ClickStreamGenerator generator =
        ClickStreamGenerator.builder().seed(3).users(100).events(1_000).build();
    assertThat(take(generator), equalTo(take(generator)));
  }

  @Test
  void anotherSeedGivesAnotherStream() {
    List<TimedEvent> first =
        take(ClickStreamGenerator.builder().seed(1).users(500).events(1_000).build());
    List<TimedEvent> second =
        take(ClickStreamGenerator.builder().seed(2).users(500).events(1_000).build());
    assertThat(second, not(equalTo(first)));
  }

  @Test
  void yieldsExactlyTheRequestedNumberOfEventsWithRunningIds() {
    Iterator<TimedEvent> events = ClickStreamGenerator.builder().events(3).build().iterator();
    List<Object> ids = new ArrayList<>();
    while (events.hasNext()) {
      ids.add(events.next().event().get("id"));
    }
    assertThat(ids, contains(1L, 2L, 3L));
  }

  @Test
  void eventsHaveTheSeedFieldsInTheSeedOrder() {
    Event event = ClickStreamGenerator.builder().events(1).build().iterator().next().event();
    assertThat(
        new ArrayList<>(event.fields().keySet()),
        contains("id", "eventTime", "eventType", "productId", "categoryId", "categoryCode", "brand",
            "price", "userId", "userSession"));
    assertThat(event.get("price").getClass(), equalTo(Double.class));
  }

  @Test
  void firstEventIsAtTheConfiguredStart() {
    TimedEvent first = ClickStreamGenerator.builder()
        .start(Instant.parse("2021-06-30T23:59:59Z")).events(1).build().iterator().next();
    assertThat(first.timestamp(), equalTo(Instant.parse("2021-06-30T23:59:59Z").toEpochMilli()));
    assertThat(first.event().get("eventTime"), equalTo("2021-06-30 23:59:59.0"));
  }

  @Test
  void eventTimeTextIsTheTimestampAndNeverGoesBack() {
    assertThat(
        "events whose eventTime text differs from the timestamp",
        stats.timeTextMismatches,
        equalTo(0L));
    assertThat("events earlier than their predecessor", stats.timeGoingBack, equalTo(0L));
  }

  @Test
  void meanRateSetsTheTimeSpan() {
    double seconds = (stats.lastTimestamp - stats.firstTimestamp) / 1000.0;
    assertThat(seconds, closeTo(EVENTS / 20.0, 300));
  }

  @Test
  void eventTypesFollowTheRees46Mix() {
    assertThat(stats.share("view"), closeTo(0.94, 0.005));
    assertThat(stats.share("cart"), closeTo(0.036, 0.003));
    assertThat(stats.share("purchase"), closeTo(0.024, 0.003));
  }

  @Test
  void aFewUsersProduceALargeShareOfEvents() {
    // Top 1 % of the configured users (500 of 50,000) would hold 1 % under a uniform law.
    assertThat(stats.shareOfTopUsers(USERS / 100), greaterThan(0.30));
    // ... while no single user dominates.
    assertThat(stats.shareOfTopUsers(1), lessThan(0.02));
  }

  @Test
  void usersSeeLowerPricesOnLaterViewsOfAProduct() {
    assertThat(stats.priceDrops, greaterThan(500L));
  }

  @Test
  void cartsMostlyFollowAViewOfTheSameProduct() {
    assertThat((double) stats.cartsAfterViewOfSameProduct / stats.count("cart"), greaterThan(0.7));
  }

  @Test
  void purchasesMostlyFollowACartOfTheSameProduct() {
    assertThat((double) stats.purchasesOfCartedProduct / stats.count("purchase"), greaterThan(0.8));
  }

  @Test
  void viewCartPurchaseChainsOccur() {
    assertThat(stats.viewCartPurchaseChains, greaterThan(1_000L));
  }

  @Test
  void aCheaperViewIsSometimesDirectlyFollowedByACart() {
    // The shape of scenario 4: view, next a cheaper view of the same product, next a cart.
    assertThat(stats.strictPriceDropThenCart, greaterThanOrEqualTo(50L));
  }

  @Test
  void sessionsChangeAfterInactivity() {
    assertThat(stats.sessions, greaterThan((long) stats.users()));
  }

  @Test
  void badSettingsAreRefusedNamingTheSetting() {
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> ClickStreamGenerator.builder().users(0)).getMessage(), containsString("users"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> ClickStreamGenerator.builder().events(-1)).getMessage(), containsString("events"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> ClickStreamGenerator.builder().eventsPerSecond(0)).getMessage(),
        containsString("eventsPerSecond"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> ClickStreamGenerator.builder().products(0)).getMessage(), containsString("products"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> ClickStreamGenerator.builder().userSkew(-1)).getMessage(),
        containsString("userSkew"));
  }

  static List<TimedEvent> take(Iterable<TimedEvent> events) {
    List<TimedEvent> all = new ArrayList<>();
    events.forEach(all::add);
    return all;
  }

  static final DateTimeFormatter EVENT_TIME = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss")
      .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
      .toFormatter();

  static long parseEventTime(String text) {
    return LocalDateTime.parse(text, EVENT_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
  }
}
