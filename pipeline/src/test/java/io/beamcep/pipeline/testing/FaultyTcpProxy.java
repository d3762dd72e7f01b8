package io.beamcep.pipeline.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on loopback in front of a real server (a database), which breaks connections when
 * told, so a client's recovery is tested against the real server and the real driver: it cuts
 * the connection whose client sends a given text (once, instead of forwarding it, or right after
 * forwarding it), and refuses a number of the connections that follow (accepted, then closed).
 * Counted, so a test can say how many faults its client met.
 */
public final class FaultyTcpProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicReference<Cut> armed = new AtomicReference<>();
  private final AtomicInteger refuseNext = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger cuts = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  /** When an armed cut breaks its connection: before or after forwarding the text it waits for. */
  public enum When { INSTEAD_OF_FORWARDING, AFTER_FORWARDING }

  private record Cut(String text, When when, int thenRefuse) {}

  private FaultyTcpProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "faulty-proxy-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy on a free loopback port forwarding to {@code host:port}. */
  public static FaultyTcpProxy to(String host, int port) throws IOException {
    return new FaultyTcpProxy(new InetSocketAddress(host, port));
  }

  public int port() {
    return listener.getLocalPort();
  }

  /**
   * The next time a client sends {@code text} (within one read), its connection is broken
   * {@code when} said, and then the next {@code thenRefuse} connections are refused.
   */
  public void cutWhenClientSends(String text, When when, int thenRefuse) {
    armed.set(new Cut(text, when, thenRefuse));
  }

  /** The next {@code count} connections are refused (accepted, then closed). */
  public void refuseNext(int count) {
    refuseNext.set(count);
  }

  /** Connections accepted and forwarded (refused ones not counted). */
  public int connections() {
    return connections.get();
  }

  /** Connections broken by an armed cut. */
  public int cuts() {
    return cuts.get();
  }

  /** Connections refused. */
  public int refused() {
    return refused.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException closed) {
        return;
      }
      if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        refused.incrementAndGet();
        closeQuietly(client);
        continue;
      }
      try {
        Socket server = new Socket();
        server.connect(target, 5_000);
        open.add(client);
        open.add(server);
        connections.incrementAndGet();
        pump(client, server, true);
        pump(server, client, false);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromClient) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          Cut cut = fromClient ? armedFor(buffer, n) : null;
          if (cut != null && cut.when() == When.INSTEAD_OF_FORWARDING) {
            break;
          }
          out.write(buffer, 0, n);
          out.flush();
          if (cut != null) {
            break;
          }
        }
      } catch (IOException e) {
        // the other side closed, or the connection was cut
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "faulty-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  /** The armed cut when these bytes hold its text, disarmed and counted; else null. */
  private Cut armedFor(byte[] buffer, int length) {
    Cut cut = armed.get();
    if (cut == null
        || !new String(buffer, 0, length, StandardCharsets.ISO_8859_1).contains(cut.text())
        || !armed.compareAndSet(cut, null)) {
      return null;
    }
    cuts.incrementAndGet();
    refuseNext.set(cut.thenRefuse());
    return cut;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : open) {
      closeQuietly(socket);
    }
  }
}
