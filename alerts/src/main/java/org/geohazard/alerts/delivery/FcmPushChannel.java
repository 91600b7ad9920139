package org.geohazard.alerts.delivery;

import com.google.api.core.ApiFuture;
import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.AndroidNotification;
import com.google.firebase.messaging.ApnsConfig;
import com.google.firebase.messaging.Aps;
import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.CriticalSound;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.MulticastMessage;
import com.google.firebase.messaging.Notification;
import com.google.firebase.messaging.SendResponse;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;
import org.geohazard.domain.WarningLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * App push through Firebase Cloud Messaging (Admin SDK): one multicast per message, in batches of up to 500 tokens.
 * Orange and red go out with Android high priority on a notification channel of their own, and with APNs priority 10
 * and a time-sensitive interruption level (critical for red where the app is entitled). Tokens FCM reports as
 * unregistered or invalid are removed; rate limits and server errors are retried, honouring Retry-After.
 */
public final class FcmPushChannel implements Channel {
  private static final Logger LOG = LoggerFactory.getLogger(FcmPushChannel.class);
  private static final int MULTICAST_LIMIT = 500;
  private static final Set<MessagingErrorCode> DEAD_TOKEN = Set.of(MessagingErrorCode.UNREGISTERED,
      MessagingErrorCode.INVALID_ARGUMENT, MessagingErrorCode.SENDER_ID_MISMATCH);
  private static final Set<MessagingErrorCode> TRANSIENT = Set.of(MessagingErrorCode.QUOTA_EXCEEDED,
      MessagingErrorCode.UNAVAILABLE, MessagingErrorCode.INTERNAL);

  private final DataSource dataSource;
  private final FirebaseMessaging messaging;
  private final boolean criticalAlerts;

  /** @param criticalAlerts whether the iOS app holds the critical-alerts entitlement (red then breaks through mute) */
  public FcmPushChannel(DataSource dataSource, FirebaseMessaging messaging, boolean criticalAlerts) {
    this.dataSource = dataSource;
    this.messaging = messaging;
    this.criticalAlerts = criticalAlerts;
  }

  @Override
  public Map<Long, Outcome> send(List<OutboxRow> rows) throws SQLException {
    Map<Long, List<String>> tokens;
    try (Connection c = dataSource.getConnection()) {
      tokens = PushTokens.byPerson(c, rows.stream().map(OutboxRow::personId).toList());
    }
    Map<Long, Outcome> outcomes = new HashMap<>();
    Map<JsonObject, List<OutboxRow>> byMessage = new LinkedHashMap<>();
    for (OutboxRow row : rows) {
      if (tokens.getOrDefault(row.personId(), List.of()).isEmpty()) {
        outcomes.put(row.id(), Outcome.failed("no app registered", new JsonObject().put("apps", 0)));
      } else {
        byMessage.computeIfAbsent(row.payload(), p -> new ArrayList<>()).add(row);
      }
    }
    List<String> deadTokens = new ArrayList<>();
    byMessage.forEach((payload, messageRows) -> outcomes.putAll(sendMessage(payload, messageRows, tokens, deadTokens)));
    if (!deadTokens.isEmpty()) {
      try (Connection c = dataSource.getConnection()) {
        LOG.info("Removed {} push tokens that FCM reports as unregistered or invalid", PushTokens.remove(c, deadTokens));
      }
    }
    return outcomes;
  }

  private Map<Long, Outcome> sendMessage(JsonObject payload, List<OutboxRow> rows, Map<Long, List<String>> tokens,
      List<String> deadTokens) {
    List<String> all = new ArrayList<>();
    Map<String, OutboxRow> owner = new HashMap<>();
    for (OutboxRow row : rows) {
      for (String token : tokens.get(row.personId())) {
        all.add(token);
        owner.put(token, row);
      }
    }
    Map<Long, Tally> tallies = new HashMap<>();
    rows.forEach(row -> tallies.put(row.id(), new Tally()));
    boolean drill = rows.get(0).drill();
    // every chunk of up to 500 tokens at once: the SDK sends them on its own threads
    List<List<String>> chunks = new ArrayList<>();
    List<ApiFuture<BatchResponse>> sends = new ArrayList<>();
    for (int from = 0; from < all.size(); from += MULTICAST_LIMIT) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + MULTICAST_LIMIT));
      chunks.add(chunk);
      sends.add(messaging.sendEachForMulticastAsync(message(payload, chunk, drill)));
    }
    for (int i = 0; i < chunks.size(); i++) {
      List<String> chunk = chunks.get(i);
      try {
        List<SendResponse> responses = sends.get(i).get().getResponses();
        for (int t = 0; t < responses.size(); t++) {
          tallies.get(owner.get(chunk.get(t)).id()).add(chunk.get(t), responses.get(t), deadTokens);
        }
      } catch (ExecutionException e) {
        // the whole multicast failed (e.g. authentication): every recipient in it is tried again later
        FirebaseMessagingException cause = e.getCause() instanceof FirebaseMessagingException f ? f : null;
        chunk.forEach(token -> tallies.get(owner.get(token).id()).failWhole(cause, e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        chunk.forEach(token -> tallies.get(owner.get(token).id()).failWhole(null, e));
      }
    }
    Map<Long, Outcome> outcomes = new HashMap<>();
    for (OutboxRow row : rows) {
      outcomes.put(row.id(), tallies.get(row.id()).outcome(row.attempts()));
    }
    return outcomes;
  }

  MulticastMessage message(JsonObject payload, List<String> tokens, boolean drill) {
    // device health messages carry no level: they go out like blue, on a channel of their own; a call for help
    // carries none either and goes out like red (a person is waiting), on its own channel
    boolean help = HelpMessages.isHelp(payload);
    WarningLevel level = WarningLevel.byKey(payload.getString("level", ""))
        .orElse(help ? WarningLevel.RED : WarningLevel.BLUE);
    String androidChannel = help ? HelpMessages.ANDROID_CHANNEL
        : payload.containsKey("level") ? "warning_" + level.key() : "device_health";
    boolean urgent = level.severity() >= WarningLevel.ORANGE.severity();
    Duration ttl = ttl(level);
    Map<String, String> data = new LinkedHashMap<>();
    // a danger report reaches the duty officers before any alert exists: it carries report_id instead
    if (payload.getValue("alert_id") != null) {
      data.put("alert_id", String.valueOf(payload.getLong("alert_id")));
    }
    if (payload.getValue("report_id") != null) {
      data.put("report_id", String.valueOf(payload.getLong("report_id")));
    }
    if (help) {
      HelpMessages.data(payload, data);
    }
    data.put("point", payload.getString("point"));
    data.put("level", payload.getString("level", ""));
    data.put("event", payload.getString("event", "raised"));
    data.put("drill", String.valueOf(drill));
    if (payload.getJsonObject("guidance") != null) {
      data.put("guidance", payload.getJsonObject("guidance").encode());
    }
    AndroidConfig android = AndroidConfig.builder()
        .setPriority(urgent ? AndroidConfig.Priority.HIGH : AndroidConfig.Priority.NORMAL)
        .setTtl(ttl.toMillis())
        .setNotification(AndroidNotification.builder().setChannelId(androidChannel).build())
        .build();
    Aps.Builder aps = Aps.builder().putCustomData("interruption-level",
        urgent ? (criticalAlerts && level == WarningLevel.RED ? "critical" : "time-sensitive") : "active");
    if (criticalAlerts && level == WarningLevel.RED) {
      aps.setSound(CriticalSound.builder().setCritical(true).setName("default").setVolume(1.0).build());
    } else {
      aps.setSound("default");
    }
    ApnsConfig apns = ApnsConfig.builder()
        .putHeader("apns-priority", urgent ? "10" : "5")
        .putHeader("apns-expiration", String.valueOf(System.currentTimeMillis() / 1000 + ttl.toSeconds()))
        .setAps(aps.build())
        .build();
    return MulticastMessage.builder()
        .addAllTokens(tokens)
        .setNotification(Notification.builder().setTitle(payload.getString("title"))
            .setBody(payload.getString("body")).build())
        .putAllData(data)
        .setAndroidConfig(android)
        .setApnsConfig(apns)
        .build();
  }

  /** How long FCM keeps trying to reach a phone: a stale watch is useless, a stale evacuation call still matters. */
  static Duration ttl(WarningLevel level) {
    return switch (level) {
      case BLUE -> Duration.ofHours(12);
      case YELLOW -> Duration.ofHours(6);
      case ORANGE -> Duration.ofHours(2);
      case RED -> Duration.ofHours(1);
    };
  }

  /** What happened to one recipient's tokens. */
  private static final class Tally {
    private int delivered;
    private int removed;
    private int transientFailures;
    private Duration retryAfter = Duration.ZERO;
    private String lastError;

    void add(String token, SendResponse response, List<String> deadTokens) {
      if (response.isSuccessful()) {
        delivered++;
        return;
      }
      FirebaseMessagingException e = response.getException();
      lastError = e.getMessagingErrorCode() + ": " + e.getMessage();
      if (DEAD_TOKEN.contains(e.getMessagingErrorCode())) {
        deadTokens.add(token);
        removed++;
      } else if (TRANSIENT.contains(e.getMessagingErrorCode()) || e.getMessagingErrorCode() == null) {
        transientFailures++;
        retryAfter = max(retryAfter, RetryAfter.of(e));
      }
    }

    void failWhole(FirebaseMessagingException e, Throwable cause) {
      transientFailures++;
      lastError = String.valueOf(cause);
      if (e != null) {
        retryAfter = max(retryAfter, RetryAfter.of(e));
      }
    }

    Outcome outcome(int attempts) {
      JsonObject result = new JsonObject().put("delivered", delivered).put("removed_tokens", removed)
          .put("transient_failures", transientFailures);
      if (delivered > 0) {
        return Outcome.sent(result);
      }
      if (transientFailures > 0) {
        Duration wait = max(retryAfter, OutboxDispatcher.backoff(attempts));
        return Outcome.retry(wait, lastError, result);
      }
      return Outcome.failed(lastError == null ? "no app reachable" : lastError, result);
    }

    private static Duration max(Duration a, Duration b) {
      return a.compareTo(b) >= 0 ? a : b;
    }
  }
}
