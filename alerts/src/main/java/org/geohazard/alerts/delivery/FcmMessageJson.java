package org.geohazard.alerts.delivery;

import com.google.api.client.json.jackson2.JacksonFactory;
import com.google.firebase.messaging.Message;
import io.vertx.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

/**
 * One message's request body for FCM's v1 send, built once with the Admin SDK's message model and its JSON (exactly
 * what the SDK would send), then completed per token: only the token differs between a village's requests.
 */
final class FcmMessageJson {
  /** Nothing a message carries can be mistaken for it. */
  private static final String PLACEHOLDER = "token-" + UUID.randomUUID();
  private final String head;
  private final String tail;

  /**
   * @param message the message, its token left to {@link #forToken} (a registration token, as the apps register:
   *     the SDK marks {@code setToken} deprecated beside its newer installation-id target, which the apps do not use;
   *     and the JSON of the SDK's own, {@code JacksonFactory}, though deprecated too: the body is the SDK's, byte for byte)
   */
  @SuppressWarnings("deprecation")
  FcmMessageJson(Message.Builder message) {
    String json;
    try {
      json = JacksonFactory.getDefaultInstance().toString(Map.of("message", message.setToken(PLACEHOLDER).build()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String quoted = '"' + PLACEHOLDER + '"';
    int at = json.indexOf(quoted);
    if (at < 0 || json.indexOf(quoted, at + 1) >= 0) {
      throw new IllegalStateException("the message's token is not where it belongs: " + json);
    }
    this.head = json.substring(0, at);
    this.tail = json.substring(at + quoted.length());
  }

  String forToken(String token) {
    return head + Json.encode(token) + tail;
  }
}
