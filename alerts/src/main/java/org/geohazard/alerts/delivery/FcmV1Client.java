package org.geohazard.alerts.delivery;

import com.google.auth.oauth2.GoogleCredentials;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FCM's HTTP v1 API ({@code POST /v1/projects/{id}/messages:send}, one request per token) spoken over a few HTTP/2
 * connections by an asynchronous client on event loops of its own (never the gateway's), without a thread per
 * request. Each connection carries as many requests at once as the server allows (FCM's front ends, like the local
 * test server, allow 100 streams per connection), so a village's burst is spread over all of them: on one connection
 * it would go out 100 requests per round trip, 10,000 residents in 5 s at a 50 ms round trip.
 *
 * <p>500 and 503 answers are sent again in the call (four times at most, honouring Retry-After, as the Admin SDK
 * does); everything else is the caller's to handle. The endpoint can be replaced (a regional relay, or a local server
 * speaking the same API in tests): {@code https} negotiates HTTP/2 with ALPN and trusts what the JVM trusts;
 * {@code http} speaks HTTP/2 without TLS (h2c, prior knowledge). An HTTP proxy the JVM is given
 * ({@code -Dhttps.proxyHost=… -Dhttps.proxyPort=…}, or the system's with {@code -Djava.net.useSystemProxies=true}) is
 * used as the Admin SDK used it. Credentials are a service account's, through Google's auth library: the access
 * token is fetched at start, renewed ahead of expiry, and replaced when FCM refuses it.
 */
public final class FcmV1Client implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FcmV1Client.class);
  private static final String FCM = "https://fcm.googleapis.com";
  /** HTTP/2 connections to FCM: 800 requests in flight, a village of 10,000 in about 13 round trips. */
  public static final int CONNECTIONS = 8;
  private static final int RETRIES = 4;
  /** A 500/503 asking for a longer wait than this is left to the outbox's own retry. */
  private static final Duration LONGEST_RETRY_WAIT = Duration.ofSeconds(10);
  /**
   * A request that has no connection this long after it was asked for fails (FCM not reached): a waiter for a
   * connection that never comes up (packets dropped, or a server that never speaks HTTP/2) is never held longer.
   */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** A request that hears nothing back for this long fails (FCM not reached). */
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(20);

  private final GoogleCredentials credentials;
  private final String sendUri;
  private final Vertx vertx;
  private final HttpClient http;
  /** Where every request is made and answered: the client's own event loop, whatever thread sends. */
  private final Context eventLoop;
  private final AtomicBoolean tokenRefused = new AtomicBoolean();

  /** From a service-account key file, as a deployment configures it; an empty endpoint is FCM's own. */
  public static FcmV1Client fromServiceAccount(Path keyFile, String projectId, String endpoint) throws IOException {
    try (InputStream in = Files.newInputStream(keyFile)) {
      return new FcmV1Client(GoogleCredentials.fromStream(in)
          .createScoped("https://www.googleapis.com/auth/firebase.messaging"), projectId, endpoint);
    }
  }

  FcmV1Client(GoogleCredentials credentials, String projectId, String endpoint) {
    this(credentials, projectId, endpoint, ProxySelector.getDefault());
  }

  /** @param proxies picks the HTTP proxy to FCM, if any: the JVM's by default ({@code -Dhttps.proxyHost=…}) */
  FcmV1Client(GoogleCredentials credentials, String projectId, String endpoint, ProxySelector proxies) {
    URI target = URI.create(endpoint == null || endpoint.isBlank() ? FCM : endpoint.strip());
    boolean clearText = "http".equals(target.getScheme());
    if (!clearText && !"https".equals(target.getScheme()) || target.getHost() == null) {
      throw new IllegalArgumentException("push.endpoint must be an http:// or https:// URL, not " + endpoint);
    }
    this.credentials = credentials;
    this.sendUri = target.getScheme() + "://" + target.getRawAuthority() + "/v1/projects/" + projectId
        + "/messages:send";
    eventLoop = ownEventLoop(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
    vertx = eventLoop.owner();
    // https: HTTP/2 by ALPN, trusting what the JVM trusts, the host name checked; http: h2c with prior knowledge
    HttpClientOptions options = new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setSsl(!clearText)
        .setUseAlpn(!clearText)
        .setHttp2ClearTextUpgrade(false)
        .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
    ProxyOptions proxy = proxy(proxies, target);
    if (proxy != null) {
      LOG.info("FCM through the HTTP proxy {}:{}", proxy.getHost(), proxy.getPort());
      options.setProxyOptions(proxy);
    }
    http = vertx.createHttpClient(options, new PoolOptions().setHttp2MaxSize(CONNECTIONS));
    fetchAccessToken();
  }

  /** The HTTP proxy the selector names for the endpoint (a tunnel by CONNECT for https), or null: none. */
  private static ProxyOptions proxy(ProxySelector proxies, URI target) {
    if (proxies == null) {
      return null;
    }
    for (Proxy proxy : proxies.select(target)) {
      if (proxy.type() == Proxy.Type.HTTP && proxy.address() instanceof InetSocketAddress address) {
        return new ProxyOptions().setType(ProxyType.HTTP).setHost(address.getHostString()).setPort(address.getPort());
      }
    }
    return null;
  }

  /**
   * The client's own Vert.x and an event-loop context of it. Requests made from the dispatcher's thread (not a
   * Vert.x thread) each got a context of their own, and after a 401 on a connection the next request's answer was
   * sometimes lost: in a loop of refused token, new token, push on one connection, 16 of 300 pushes were never
   * answered; with every request made and answered on one context, none of 300. Both are made on a thread of their
   * own: on a thread of the gateway's Vert.x, {@code getOrCreateContext} would give a context that runs on that
   * thread, and a new Vert.x would be created inside another's context.
   */
  private static Context ownEventLoop(VertxOptions options) {
    CompletableFuture<Context> context = new CompletableFuture<>();
    new Thread(() -> context.complete(Vertx.vertx(options).getOrCreateContext()), "fcm-context").start();
    return context.join();
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

  /**
   * The Authorization header's value; blocks while the token is renewed: ahead of its expiry, after a failure, or
   * after FCM refused it (401: revoked, or the key's permissions changed), so a refused token is never used twice.
   */
  String authorization() throws IOException {
    if (tokenRefused.getAndSet(false)) {
      credentials.refresh();
    } else {
      credentials.refreshIfExpired();
    }
    return "Bearer " + credentials.getAccessToken().getTokenValue();
  }

  /** Sends one message (its request body as JSON); the answer never fails exceptionally. */
  CompletableFuture<FcmAnswer> send(String authorization, String body) {
    CompletableFuture<FcmAnswer> answer = new CompletableFuture<>();
    eventLoop.runOnContext(start -> {
      deadline(answer);
      attempt(authorization, body, 0, answer);
    });
    return answer;
  }

  /**
   * Every message is answered within its first attempt's timeouts and a little more, whatever the HTTP client does:
   * a lost answer (as {@link #ownEventLoop} tells) holds no call.
   */
  private void deadline(CompletableFuture<FcmAnswer> answer) {
    long timer = vertx.setTimer(CONNECT_TIMEOUT.plus(RESPONSE_TIMEOUT).plusSeconds(5).toMillis(),
        fired -> answer.complete(FcmAnswer.unreachable(new TimeoutException(
            "no answer from the HTTP client in time"))));
    answer.whenComplete((done, failure) -> vertx.cancelTimer(timer));
  }

  private void attempt(String authorization, String body, int retry, CompletableFuture<FcmAnswer> answer) {
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(sendUri)
        .putHeader("Authorization", authorization)
        .putHeader("Content-Type", "application/json; charset=UTF-8")
        .putHeader("X-GOOG-API-FORMAT-VERSION", "2")
        .setConnectTimeout(CONNECT_TIMEOUT.toMillis())
        .setIdleTimeout(RESPONSE_TIMEOUT.toMillis());
    http.request(request)
        .compose(sending -> sending.send(Buffer.buffer(body)))
        .compose(response -> response.body().map(text -> answered(response, text.toString())))
        .onComplete(done -> {
          if (done.failed()) {
            answer.complete(FcmAnswer.unreachable(done.cause()));
            return;
          }
          Answered answered = done.result();
          int status = answered.status();
          if (status == 200) {
            answer.complete(FcmAnswer.DELIVERED);
            return;
          }
          if (status == 401) {
            tokenRefused.set(true);
          }
          Duration wait = answered.retryAfter().compareTo(backoff(retry)) > 0 ? answered.retryAfter() : backoff(retry);
          if ((status == 500 || status == 503) && retry < RETRIES && wait.compareTo(LONGEST_RETRY_WAIT) <= 0) {
            vertx.setTimer(wait.toMillis(), timer -> attempt(authorization, body, retry + 1, answer));
          } else {
            answer.complete(FcmAnswer.of(status, answered.body(), answered.retryAfter()));
          }
        });
  }

  private record Answered(int status, String body, Duration retryAfter) {
  }

  private static Answered answered(HttpClientResponse response, String body) {
    return new Answered(response.statusCode(), body, RetryAfter.of(response.getHeader("Retry-After")));
  }

  /** 0.5 s, 1 s, 2 s, 4 s. */
  private static Duration backoff(int retry) {
    return Duration.ofMillis(500L << retry);
  }

  @Override
  public void close() {
    vertx.close();
  }
}
