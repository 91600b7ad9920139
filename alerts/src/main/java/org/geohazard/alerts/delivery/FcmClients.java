package org.geohazard.alerts.delivery;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.ImplFirebaseTrampolines;
import com.google.firebase.internal.ApacheHttp2Transport;
import com.google.firebase.messaging.FirebaseMessaging;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.ssl.SSLContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Firebase Admin SDK clients for FCM. The endpoint can be replaced (a regional relay, or a local server that speaks
 * the FCM v1 API in tests): every request the SDK makes to the FCM host goes there instead.
 */
public final class FcmClients {
  private static final String FCM_HOST = "fcm.googleapis.com";
  private static final Logger LOG = LoggerFactory.getLogger(FcmClients.class);
  /**
   * Requests in flight at once. The SDK sends each token's request on a thread of its own and waits for the answer
   * there, so its default of 100 threads caps a village's burst at 100 requests per FCM round trip; at a round trip
   * of 50-100 ms that alone holds 10,000 residents to 5-10 s.
   */
  public static final int DEFAULT_CONCURRENCY = 512;

  private FcmClients() {
  }

  /** From a service-account key file, as a deployment configures it. */
  public static FirebaseMessaging fromServiceAccount(Path keyFile, String projectId, String endpoint)
      throws IOException {
    try (InputStream in = Files.newInputStream(keyFile)) {
      GoogleCredentials credentials = GoogleCredentials.fromStream(in)
          .createScoped("https://www.googleapis.com/auth/firebase.messaging");
      return create(credentials, projectId, endpoint);
    }
  }

  /**
   * The first access token at start, on a thread of its own (an unreachable token endpoint must not hold up the
   * start), rather than inside the first warning's push; later tokens are renewed ahead of expiry by the credentials
   * themselves. A failure is only logged: the first push asks again.
   */
  private static void fetchAccessToken(GoogleCredentials credentials) {
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

  private static FirebaseMessaging create(GoogleCredentials credentials, String projectId, String endpoint) {
    FirebaseOptions options = FirebaseOptions.builder()
        .setCredentials(credentials)
        .setProjectId(projectId)
        .setThreadManager(new PushThreads(DEFAULT_CONCURRENCY))
        .setHttpTransport(transport(endpoint))
        .setConnectTimeout(10_000)
        .setReadTimeout(20_000)
        .build();
    FirebaseApp app = FirebaseApp.initializeApp(options, "geohazard-" + UUID.randomUUID());
    // the app holds credentials of its own (re-scoped from these): its token is the one pushes use
    fetchAccessToken(ImplFirebaseTrampolines.getCredentials(app));
    return FirebaseMessaging.getInstance(app);
  }

  /**
   * The SDK's own HTTP/2 transport, with its client's settings, plus message multiplexing: without it each request
   * leases a connection of its own and a village's burst opens as many connections as the pool allows; with it the
   * requests share HTTP/2 connections as streams. {@code https} (FCM itself) negotiates HTTP/2 with ALPN and trusts
   * what the JVM trusts; an {@code http} endpoint is spoken to in HTTP/2 without TLS (h2c, prior knowledge).
   */
  static ApacheHttp2Transport transport(String endpoint) {
    URI target = URI.create(endpoint == null || endpoint.isBlank() ? "https://" + FCM_HOST : endpoint.strip());
    boolean clearText = "http".equals(target.getScheme());
    if (!clearText && !"https".equals(target.getScheme()) || target.getHost() == null) {
      throw new IllegalArgumentException("push.endpoint must be an http:// or https:// URL, not " + endpoint);
    }
    HttpAsyncClientBuilder client = ApacheHttp2Transport.defaultHttpAsyncClientBuilder()
        .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
            .setMaxConnTotal(DEFAULT_CONCURRENCY)
            .setMaxConnPerRoute(DEFAULT_CONCURRENCY)
            .setMessageMultiplexing(true)
            .setDefaultTlsConfig(TlsConfig.custom()
                .setVersionPolicy(clearText ? HttpVersionPolicy.FORCE_HTTP_2 : HttpVersionPolicy.NEGOTIATE).build())
            .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(SSLContexts.createSystemDefault()).build())
            .build());
    return new ApacheHttp2Transport(FCM_HOST.equals(target.getHost()) ? client.build()
        : new FcmEndpointClient(client.build(), FCM_HOST, target));
  }
}
