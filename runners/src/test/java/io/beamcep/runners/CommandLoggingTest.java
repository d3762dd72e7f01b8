package io.beamcep.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.apache.beam.sdk.metrics.MetricsEnvironment;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cep command's logging (runners' simplelogger.properties): our own messages at info, real
 * errors of Flink and Beam, and none of the start-up noise a user would take for a failure.
 */
class CommandLoggingTest {

  @Test
  void ourMessagesAreShownFromInfo() {
    Logger ours = LoggerFactory.getLogger("io.beamcep.pipeline.rules.PollRuleTableFn");

    assertThat(ours.isInfoEnabled(), equalTo(true));
  }

  @Test
  void flinkAndBeamShowErrorsOnly() {
    Logger flink = LoggerFactory.getLogger("org.apache.flink.runtime.taskmanager.Task");
    Logger beam = LoggerFactory.getLogger("org.apache.beam.sdk.io.kafka.KafkaUnboundedReader");

    assertThat(flink.isErrorEnabled(), equalTo(true));
    assertThat(flink.isWarnEnabled(), equalTo(false));
    assertThat(beam.isErrorEnabled(), equalTo(true));
    assertThat(beam.isWarnEnabled(), equalTo(false));
  }

  @Test
  void beamsMissingMetricsContainerOnFlinksSplitEnumeratorIsNotReportedAsAnError() {
    // logged as an ERROR with a stack trace at the start of every Kafka job on Flink
    Logger metrics = LoggerFactory.getLogger(MetricsEnvironment.class);

    assertThat(metrics.isErrorEnabled(), equalTo(false));
  }
}
