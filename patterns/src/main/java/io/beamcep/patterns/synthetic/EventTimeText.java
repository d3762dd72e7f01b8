package io.beamcep.patterns.synthetic;

import java.time.LocalDate;

/**
 * Renders epoch milliseconds as the seed's {@code yyyy-MM-dd HH:mm:ss.S} in UTC, the way
 * {@code java.sql.Timestamp#toString} does (fraction without trailing zeros, ".0" for whole
 * seconds). The text of the current second is cached, because the generator's clock only moves
 * forward by a few milliseconds at a time. Not thread-safe: one per generator iterator.
 */
final class EventTimeText {
  private static final long SECONDS_PER_DAY = 86_400;

  private long cachedSecond = Long.MIN_VALUE;
  private String cachedPrefix;
  private long cachedDay = Long.MIN_VALUE;
  private String cachedDate;

  String format(long epochMillis) {
    long second = Math.floorDiv(epochMillis, 1000);
    int millis = (int) Math.floorMod(epochMillis, 1000);
    if (second != cachedSecond) {
      cachedSecond = second;
      cachedPrefix = prefix(second);
    }
    if (millis == 0) {
      return cachedPrefix + ".0";
    }
    StringBuilder text =
        new StringBuilder(cachedPrefix.length() + 4).append(cachedPrefix).append('.');
    text.append((char) ('0' + millis / 100));
    int rest = millis % 100;
    if (rest != 0) {
      text.append((char) ('0' + rest / 10));
      if (rest % 10 != 0) {
        text.append((char) ('0' + rest % 10));
      }
    }
    return text.toString();
  }

  private String prefix(long epochSecond) {
    long day = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
    if (day != cachedDay) {
      cachedDay = day;
      LocalDate date = LocalDate.ofEpochDay(day);
      StringBuilder text = new StringBuilder(11);
      text.append(date.getYear()).append('-');
      twoDigits(text, date.getMonthValue()).append('-');
      twoDigits(text, date.getDayOfMonth()).append(' ');
      cachedDate = text.toString();
    }
    int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
    StringBuilder text = new StringBuilder(19).append(cachedDate);
    twoDigits(text, secondOfDay / 3600).append(':');
    twoDigits(text, secondOfDay / 60 % 60).append(':');
    twoDigits(text, secondOfDay % 60);
    return text.toString();
  }

  private static StringBuilder twoDigits(StringBuilder text, int value) {
    return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
