package io.beamcep.runners.cli;

import java.io.PrintStream;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar for a person at a terminal, and nothing otherwise: the bar redraws its line with
 * carriage returns and colours, which a CI log or a file of stderr kept as a run of escape codes
 * and partial lines. Feed it the work done so far; close it when done.
 */
public final class Progress implements LongConsumer, AutoCloseable {
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /**
   * A bar named {@code task} up to {@code max} events on stderr when the JVM runs at a terminal
   * (its console is there only when input and output both are), else none.
   */
  public static Progress ofEvents(String task, long max) {
    return ofEvents(task, max, System.console() != null, System.err);
  }

  static Progress ofEvents(String task, long max, boolean atTerminal, PrintStream to) {
    if (!atTerminal) {
      return new Progress(null);
    }
    return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
        .setUnit(" events", 1).showSpeed().setConsumer(new ConsoleProgressBarConsumer(to))
        .build());
  }

  /** {@code done} events of the {@code max} are done. */
  @Override
  public void accept(long done) {
    if (bar != null) {
      bar.stepTo(done);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
