package org.geohazard.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a server that can turn into a black hole, the way a dead network or a lost firewall state
 * does: from {@link #blackHole()} on, the connections open at that moment never carry a byte again (they stay open,
 * silent, forever), and new connections are accepted but never answered. After {@link #restore()}, new connections
 * work again; the old ones stay dead.
 */
public final class BlackHoleProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile int era;
  private volatile boolean holed;

  private BlackHoleProxy(ServerSocket server, int targetPort) {
    this.server = server;
    this.targetPort = targetPort;
    Thread acceptor = new Thread(this::accept, "black-hole-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static BlackHoleProxy to(int targetPort) throws IOException {
    return new BlackHoleProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
  }

  public int port() {
    return server.getLocalPort();
  }

  public void blackHole() {
    holed = true;
    era++;
  }

  public void restore() {
    holed = false;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        if (holed) {
          continue;
        }
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(upstream);
        int connectedIn = era;
        pump(client.getInputStream(), upstream.getOutputStream(), connectedIn);
        pump(upstream.getInputStream(), client.getOutputStream(), connectedIn);
      } catch (IOException e) {
        // closed, or the server is gone: the client sees its connection fail
      }
    }
  }

  private void pump(InputStream in, OutputStream out, int connectedIn) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (era != connectedIn) {
            return; // swallowed, and nothing is read from now on: the connection is silent for good
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side closed
      }
    }, "black-hole-pump");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
