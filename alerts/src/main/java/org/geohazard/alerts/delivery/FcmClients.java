package org.geohazard.alerts.delivery;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
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

/**
 * Firebase Admin SDK clients for FCM. The endpoint can be replaced (a regional relay, or a local server that speaks
 * the FCM v1 API in tests): every request the SDK makes to the FCM host goes there instead.
 */
public final class FcmClients {
  private static final String FCM_HOST = "fcm.googleapis.com";

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

  private static FirebaseMessaging create(GoogleCredentials credentials, String projectId, String endpoint) {
    FirebaseOptions options = FirebaseOptions.builder()
        .setCredentials(credentials)
        .setProjectId(projectId)
        .setHttpTransport(transport(endpoint))
        .setConnectTimeout(10_000)
        .setReadTimeout(20_000)
        .build();
    return FirebaseMessaging.getInstance(FirebaseApp.initializeApp(options, "geohazard-" + UUID.randomUUID()));
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
            .setMaxConnTotal(200)
            .setMaxConnPerRoute(100)
            .setMessageMultiplexing(true)
            .setDefaultTlsConfig(TlsConfig.custom()
                .setVersionPolicy(clearText ? HttpVersionPolicy.FORCE_HTTP_2 : HttpVersionPolicy.NEGOTIATE).build())
            .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(SSLContexts.createSystemDefault()).build())
            .build());
    return new ApacheHttp2Transport(FCM_HOST.equals(target.getHost()) ? client.build()
        : new FcmEndpointClient(client.build(), FCM_HOST, target));
  }
}
