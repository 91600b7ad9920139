package org.geohazard.alerts.delivery;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.FirebaseMessaging;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Firebase Admin SDK clients for FCM. The endpoint can be replaced (a regional relay, or a local server that speaks
 * the FCM v1 API in tests): every request the SDK makes to the FCM host goes there instead.
 */
public final class FcmClients {
  private static final String FCM_ORIGIN = "https://fcm.googleapis.com";

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
    NetHttpTransport.Builder transport = new NetHttpTransport.Builder();
    if (endpoint != null && !endpoint.isBlank()) {
      String target = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
      transport.setConnectionFactory(url -> (HttpURLConnection) redirect(url, target).openConnection());
    }
    FirebaseOptions options = FirebaseOptions.builder()
        .setCredentials(credentials)
        .setProjectId(projectId)
        .setHttpTransport(transport.build())
        .setConnectTimeout(10_000)
        .setReadTimeout(20_000)
        .build();
    return FirebaseMessaging.getInstance(FirebaseApp.initializeApp(options, "geohazard-" + UUID.randomUUID()));
  }

  private static URL redirect(URL url, String target) throws IOException {
    String text = url.toString();
    return URI.create(text.startsWith(FCM_ORIGIN) ? target + text.substring(FCM_ORIGIN.length()) : text).toURL();
  }
}
