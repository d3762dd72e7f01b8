package io.beamcep.pipeline.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files a user writes for a job or a command (rules, Kafka settings, webhook headers,
 * passwords), read as UTF-8 text without the byte order mark some editors put first.
 *
 * <p>Notepad before Windows 10 1903 and PowerShell 5's {@code Out-File -Encoding utf8} start a
 * UTF-8 file with one. Jackson skips it where it reads bytes (event lines, template files), but
 * {@link Files#readString} keeps it as a character U+FEFF: a rules file was then not JSON at
 * line 1, column 1, the first key of a properties file was no Kafka setting, and a password
 * file's password began with a character no one can see, which the database refused.
 */
public final class TextFiles {
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private TextFiles() {}

  /**
   * The text of {@code file}, without a leading byte order mark.
   *
   * @throws IOException as {@link Files#readString(Path)} throws it, malformed UTF-8 included
   */
  public static String read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
  }

  /**
   * The lines of {@code file} as {@link Files#readAllLines(Path)} splits them, the first without a
   * leading byte order mark.
   */
  public static List<String> readLines(Path file) throws IOException {
    return read(file).lines().toList();
  }
}
