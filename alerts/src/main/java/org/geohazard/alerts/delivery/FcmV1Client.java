package org.geohazard.alerts.delivery;

import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FCM's HTTP v1 API ({@code POST /v1/projects/{id}/messages:send}, one request per token) spoken over a few HTTP/2
 * connections, without a thread per request: each connection carries as many requests at once as the server allows
 * (FCM's front ends, like the local test server, allow 100 streams per connection), so a village's burst is spread
 * over all of them. With one connection a burst is held to 100 requests per round trip: 10,000 residents take 5 s at
 * a 50 ms round trip. 500 and 503 answers are sent again in the call (four times at most, honouring Retry-After, as
 * the Admin SDK does); everything else is the caller's to handle. The endpoint can be replaced (a regional relay, or
 * a local server speaking the same API in tests): {@code https} negotiates HTTP/2 with ALPN and trusts what the JVM
 * trusts; {@code http} speaks HTTP/2 without TLS (h2c, prior knowledge). Credentials are a service account's,
 * through Google's auth library: its access token is fetched at start and renewed ahead of expiry.
 */
public final class FcmV1Client implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FcmV1Client.class);
  private static final String FCM = "https://fcm.googleapis.com";
  /** HTTP/2 connections to FCM: 800 requests in flight, a village of 10,000 in about 13 round trips. */
  public static final int CONNECTIONS = 8;
  private static final int RETRIES = 4;
  /** A 500/503 asking for a longer wait than this is left to the outbox's own retry. */
  private static final Duration LONGEST_RETRY_WAIT = Duration.ofSeconds(10);

  private final GoogleCredentials credentials;
  private final URI sendUri;
  private final List<CloseableHttpAsyncClient> connections = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "fcm-retry");
    thread.setDaemon(true);
    return thread;
  });

  /** From a service-account key file, as a deployment configures it; an empty endpoint is FCM's own. */
  public static FcmV1Client fromServiceAccount(Path keyFile, String projectId, String endpoint) throws IOException {
    try (InputStream in = Files.newInputStream(keyFile)) {
      return new FcmV1Client(GoogleCredentials.fromStream(in)
          .createScoped("https://www.googleapis.com/auth/firebase.messaging"), projectId, endpoint);
    }
  }

  FcmV1Client(GoogleCredentials credentials, String projectId, String endpoint) {
    URI target = URI.create(endpoint == null || endpoint.isBlank() ? FCM : endpoint.strip());
    boolean clearText = "http".equals(target.getScheme());
    if (!clearText && !"https".equals(target.getScheme()) || target.getHost() == null) {
      throw new IllegalArgumentException("push.endpoint must be an http:// or https:// URL, not " + endpoint);
    }
    this.credentials = credentials;
    this.sendUri = URI.create(target.getScheme() + "://" + target.getRawAuthority() + "/v1/projects/" + projectId
        + "/messages:send");
    for (int i = 0; i < CONNECTIONS; i++) {
      CloseableHttpAsyncClient connection = HttpAsyncClients.customHttp2()
          .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(SSLContexts.createSystemDefault()).build())
          .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
          .setH2Config(H2Config.custom().setPushEnabled(false).build())
          .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(10)).build())
          .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(20)).build())
          // FCM sets no cookies and sends no redirects: no per-request work for them
          .disableCookieManagement()
          .disableAuthCaching()
          .disableRedirectHandling()
          .build();
      connection.start();
      connections.add(connection);
    }
    fetchAccessToken();
  }

  /**
   * The first access token at start, on a thread of its own (an unreachable token endpoint must not hold up the
   * start), rather than inside the first warning's push. A failure is only logged: the first push asks again.
   */
  private void fetchAccessToken() {
    Thread fetch = new Thread(() -> {
      try {
        credentials.refreshIfExpired();
      } catch (IOException | RuntimeException e) {
        LOG.warn("No FCM access token yet ({}); the first push will ask again", e.getMessage());
      }
    }, "fcm-first-token");
    fetch.setDaemon(true);
    fetch.start();
  }

  /** The Authorization header's value; blocks while the token is renewed (ahead of its expiry, or after a failure). */
  String authorization() throws IOException {
    credentials.refreshIfExpired();
    return "Bearer " + credentials.getAccessToken().getTokenValue();
  }

  /** Sends one message (its request body as JSON); the answer never fails exceptionally. */
  CompletableFuture<FcmAnswer> send(String authorization, String body) {
    CompletableFuture<FcmAnswer> answer = new CompletableFuture<>();
    attempt(authorization, body, 0, answer);
    return answer;
  }

  private void attempt(String authorization, String body, int retry, CompletableFuture<FcmAnswer> answer) {
    SimpleHttpRequest request = SimpleRequestBuilder.post(sendUri)
        .setHeader("Authorization", authorization)
        .setHeader("X-GOOG-API-FORMAT-VERSION", "2")
        .setBody(body, ContentType.APPLICATION_JSON)
        .build();
    CloseableHttpAsyncClient connection = connections.get(Math.floorMod(next.getAndIncrement(), CONNECTIONS));
    connection.execute(request, new FutureCallback<SimpleHttpResponse>() {
      @Override
      public void completed(SimpleHttpResponse response) {
        int status = response.getCode();
        if (status == 200) {
          answer.complete(FcmAnswer.DELIVERED);
          return;
        }
        Header header = response.getFirstHeader("Retry-After");
        Duration retryAfter = RetryAfter.of(header == null ? null : header.getValue());
        Duration wait = retryAfter.compareTo(backoff(retry)) > 0 ? retryAfter : backoff(retry);
        if ((status == 500 || status == 503) && retry < RETRIES && wait.compareTo(LONGEST_RETRY_WAIT) <= 0) {
          retries.schedule(() -> attempt(authorization, body, retry + 1, answer), wait.toMillis(),
              TimeUnit.MILLISECONDS);
        } else {
          answer.complete(FcmAnswer.of(status, response.getBodyText(), retryAfter));
        }
      }

      @Override
      public void failed(Exception e) {
        answer.complete(FcmAnswer.unreachable(e));
      }

      @Override
      public void cancelled() {
        answer.complete(FcmAnswer.unreachable(new IOException("request cancelled")));
      }
    });
  }

  /** 0.5 s, 1 s, 2 s, 4 s. */
  private static Duration backoff(int retry) {
    return Duration.ofMillis(500L << retry);
  }

  @Override
  public void close() {
    retries.shutdownNow();
    connections.forEach(connection -> connection.close(CloseMode.GRACEFUL));
  }
}
