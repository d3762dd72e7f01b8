package io.beamcep.pipeline.jdbc;

import io.beamcep.pipeline.io.TextFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A secret kept in a file (a mounted Kubernetes or Docker secret, say): a database password, or a
 * webhook's URL that is itself the secret, so that it is on no command line: a process list, a
 * shell history or a deployment's log would show it there.
 */
public final class PasswordFile {
  private PasswordFile() {}

  /**
   * The password a pair of options gives: {@code file}'s when it is given (non-null), else {@code
   * given}.
   *
   * @throws IllegalArgumentException naming both options when both give one
   * @throws IllegalStateException as {@link #read}
   */
  public static String orGiven(String given, Path file, String givenOption, String fileOption) {
    if (file == null) {
      return given;
    }
    if (given != null && !given.isEmpty()) {
      throw new IllegalArgumentException(
          givenOption + " and " + fileOption + " both give the password: leave one out");
    }
    return read(file, fileOption);
  }

  /**
   * The password {@code file} holds: its text without one trailing line break, which {@code echo
   * secret > file} adds and no password of ours is meant to end with.
   *
   * @param option the option that named the file, for the errors
   * @throws IllegalStateException naming {@code option} and the file when it cannot be read or
   *     holds nothing: the file is bad input, not a wrong option
   */
  public static String read(Path file, String option) {
    String text;
    try {
      text = TextFiles.read(file);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(option + " " + file + " cannot be read: " + e, e);
    }
    String password = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
        : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    if (password.isEmpty()) {
      throw new IllegalStateException(option + " " + file + " is empty");
    }
    return password;
  }
}
