package io.beamcep.pipeline.testing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

  @Test
  void recordsProducedToATopicAreConsumedInOrderAndCloseFreesThePort() throws Exception {
    String servers;
    try (KafkaBroker kafka = KafkaBroker.start()) {
      servers = kafka.bootstrapServers();
      kafka.createTopic("lines", 1);
      kafka.produce("lines", List.of("{\"id\": 1}", "{\"id\": 2}", "{\"id\": 3}"));

      assertThat(kafka.consumeAll("lines"), contains("{\"id\": 1}", "{\"id\": 2}", "{\"id\": 3}"));
    }
    int port = Integer.parseInt(servers.substring(servers.indexOf(':') + 1));
    assertThat("broker port still open after close", portOpen(port), is(false));
  }

  private static boolean portOpen(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
