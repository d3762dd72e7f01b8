package io.beamcep.pipeline.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback that takes the webhook sink's POSTs and keeps each with its
 * headers; answers 200 unless told to answer the next requests otherwise, or to answer nothing
 * (as an endpoint that hangs), so a test can see what an endpoint received and how often.
 */
public final class AlertEndpoint implements AutoCloseable {
  /** One request as received: its method, body and headers (names in lower case). */
  public record Received(String method, String body, Map<String, String> headers,
      int answeredWith) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** An answer other than 200. */
  private record Answer(int status, String body) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(16);
  private final Deque<Answer> nextAnswers = new ArrayDeque<>();
  private final List<Received> received = new ArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile boolean silent;

  private AlertEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/alerts", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  public static AlertEndpoint start() throws IOException {
    return new AlertEndpoint();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
  }

  /** The next {@code count} POSTs are answered {@code status} with {@code body}. */
  public synchronized void answerNext(int count, int status, String body) {
    for (int i = 0; i < count; i++) {
      nextAnswers.addLast(new Answer(status, body));
    }
  }

  /** From now on no request is answered (each is held until the endpoint closes). */
  public void answerNothing() {
    silent = true;
  }

  /** Every request received, in arrival order (a launch check's OPTIONS among them). */
  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** The bodies of the POSTs answered 200. */
  public synchronized List<String> accepted() {
    return received.stream().filter(r -> r.method().equals("POST") && r.answeredWith() == 200)
        .map(Received::body).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> headers = new TreeMap<>();
    exchange.getRequestHeaders().forEach((name, values) ->
        headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
    if (silent) {
      synchronized (this) {
        received.add(new Received(exchange.getRequestMethod(), body, headers, 0));
      }
      try {
        closing.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    Answer answer;
    synchronized (this) {
      // scripted answers are for the alerts' POSTs; a launch check's OPTIONS is answered 200
      boolean post = exchange.getRequestMethod().equals("POST");
      answer = !post || nextAnswers.isEmpty() ? new Answer(200, "") : nextAnswers.removeFirst();
      received.add(
          new Received(exchange.getRequestMethod(), body, headers, answer.status()));
    }
    byte[] reply = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), reply.length == 0 ? -1 : reply.length);
    if (reply.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    }
    exchange.close();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  /** The values of {@code header} over {@code requests}, in order. */
  public static List<String> headerValues(List<Received> requests, String header) {
    List<String> values = new ArrayList<>();
    for (Received request : requests) {
      values.add(request.header(header));
    }
    return values;
  }
}
