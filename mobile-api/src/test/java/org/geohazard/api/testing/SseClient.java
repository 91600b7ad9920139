package org.geohazard.api.testing;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A Server-Sent Events client over {@link HttpClient}: the events of one stream, as they arrive. */
public final class SseClient implements AutoCloseable {
  /** One event: its id (null when it has none), its name and its data as JSON. */
  public record Event(String id, String name, JsonObject data) {
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final HttpResponse<Stream<String>> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Thread reader;

  private SseClient(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reader = new Thread(this::read, "sse-client");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  public static SseClient connect(ApiHarness api, String token, String lastEventId) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/api/v1/events")).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
  }

  public int status() {
    return response.statusCode();
  }

  public String contentType() {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  /** The next event, or null when none came within the wait. */
  public Event next(Duration wait) throws InterruptedException {
    return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void read() {
    String id = null;
    String name = "message";
    StringBuilder data = new StringBuilder();
    try {
      Iterator<String> lines = response.body().iterator();
      while (lines.hasNext()) {
        String line = lines.next();
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.add(new Event(id, name, new JsonObject(data.toString())));
          }
          id = null;
          name = "message";
          data.setLength(0);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (RuntimeException closed) {
      // the stream was closed
    }
  }

  @Override
  public void close() {
    response.body().close();
    reader.interrupt();
  }
}
