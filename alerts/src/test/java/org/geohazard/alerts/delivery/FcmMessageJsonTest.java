package org.geohazard.alerts.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.api.client.json.jackson2.JacksonFactory;
import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.Notification;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A village's request bodies: built once, the token spliced in, and each the SDK's own JSON for that token. */
@Tag("unit")
class FcmMessageJsonTest {
  @Test
  @SuppressWarnings("deprecation") // the SDK's own serialization, as FcmMessageJson uses it
  void eachBodyIsWhatTheSdkWouldSendForItsToken() throws Exception {
    FcmMessageJson json = new FcmMessageJson(message());
    for (String token : new String[] {"ok-1", "ok-\"quoted\"\\token", "令牌-üñï"}) {
      String sdk = JacksonFactory.getDefaultInstance().toString(Map.of("message", message().setToken(token).build()));

      assertEquals(new JsonObject(sdk), new JsonObject(json.forToken(token)), token);
      assertEquals(token, new JsonObject(json.forToken(token)).getJsonObject("message").getString("token"));
    }
  }

  private static Message.Builder message() {
    return Message.builder()
        .setNotification(Notification.builder().setTitle("红色预警").setBody("请立即撤离 \"token-\"").build())
        .setAndroidConfig(AndroidConfig.builder().setPriority(AndroidConfig.Priority.HIGH).build())
        .putData("level", "red").putData("kind", "warning");
  }
}
