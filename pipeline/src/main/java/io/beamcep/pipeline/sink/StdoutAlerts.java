package io.beamcep.pipeline.sink;

import io.beamcep.pipeline.alert.Alert;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Prints each alert on the worker's stdout as its rule's function renders it: the reference
 * system's text ("A match for Pattern of (id, version): ...") for its demo function, JSON for ours.
 */
public final class StdoutAlerts extends PTransform<PCollection<Alert>, PDone> {
  public static StdoutAlerts create() {
    return new StdoutAlerts();
  }

  @Override
  public PDone expand(PCollection<Alert> alerts) {
    alerts.apply("Print", ParDo.of(new PrintFn()));
    return PDone.in(alerts.getPipeline());
  }

  private static final class PrintFn extends DoFn<Alert, Void> {
    @ProcessElement
    public void print(@Element Alert alert) {
      System.out.println(alert.render());
    }
  }
}
