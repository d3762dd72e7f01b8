package io.beamcep.runners;

/**
 * A problem with what the user gave us (a missing file, bad JSON, an unreachable service). The
 * command line prints its message as one line and exits 1, never a stack trace: the message must
 * name the file, field or service at fault.
 */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
