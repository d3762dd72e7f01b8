package io.beamcep.patterns.synthetic;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Renders epoch milliseconds as the seed's {@code yyyy-MM-dd HH:mm:ss.S} in UTC, the way
 * {@code java.sql.Timestamp#toString} does (fraction without trailing zeros, ".0" for whole
 * seconds). The text of the current second is cached, because the generator's clock only moves
 * forward by a few milliseconds at a time. Not thread-safe: one per generator iterator.
 */
final class EventTimeText {
  private long cachedSecond = Long.MIN_VALUE;
  private String cachedPrefix;

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
    StringBuilder text = new StringBuilder(cachedPrefix.length() + 4).append(cachedPrefix).append('.');
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

  private static String prefix(long epochSecond) {
    LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    StringBuilder text = new StringBuilder(19);
    text.append(time.getYear()).append('-');
    twoDigits(text, time.getMonthValue()).append('-');
    twoDigits(text, time.getDayOfMonth()).append(' ');
    twoDigits(text, time.getHour()).append(':');
    twoDigits(text, time.getMinute()).append(':');
    twoDigits(text, time.getSecond());
    return text.toString();
  }

  private static StringBuilder twoDigits(StringBuilder text, int value) {
    return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
