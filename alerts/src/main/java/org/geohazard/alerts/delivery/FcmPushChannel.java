package org.geohazard.alerts.delivery;

import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.AndroidNotification;
import com.google.firebase.messaging.ApnsConfig;
import com.google.firebase.messaging.Aps;
import com.google.firebase.messaging.CriticalSound;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.Notification;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;
import org.geohazard.domain.WarningLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * App push through Firebase Cloud Messaging ({@link FcmV1Client}): one request per token, all of a call's at once.
 * Orange and red go out with Android high priority on a notification channel of their own, and with APNs priority 10
 * and a time-sensitive interruption level (critical for red where the app is entitled). Only tokens FCM reports as
 * unregistered (or registered to another sender) are removed: INVALID_ARGUMENT is about the message, not the token, so
 * the row is recorded as failed with FCM's reason and every token is kept. Rate limits and server errors are retried,
 * honouring Retry-After. The time to live (Android TTL, APNs expiration) counts from when the message was written; a
 * message past it is recorded as expired, not sent. Every message fits FCM's payload limit ({@link PushPayload}).
 */
public final class FcmPushChannel implements Channel {
  private static final Logger LOG = LoggerFactory.getLogger(FcmPushChannel.class);
  private static final Set<String> DEAD_TOKEN = Set.of("UNREGISTERED", "SENDER_ID_MISMATCH");
  private static final Set<String> TRANSIENT = Set.of("QUOTA_EXCEEDED", "UNAVAILABLE", "INTERNAL");
  private static final FcmAnswer UNANSWERED = FcmAnswer.unreachable(new InterruptedException("stopped"));

  private final DataSource dataSource;
  private final FcmV1Client fcm;
  private final boolean criticalAlerts;

  /** @param criticalAlerts whether the iOS app holds the critical-alerts entitlement (red then breaks through mute) */
  public FcmPushChannel(DataSource dataSource, FcmV1Client fcm, boolean criticalAlerts) {
    this.dataSource = dataSource;
    this.fcm = fcm;
    this.criticalAlerts = criticalAlerts;
  }

  /**
   * 500 and 503 are retried in the call (up to four times, waits of at most 10 s) with 20 s response timeouts. A call
   * that outlasts this claim may be sent again by another dispatcher: at least once, never lost; its late outcome is
   * not recorded.
   */
  @Override
  public Duration longestCall() {
    return Duration.ofMinutes(2);
  }

  /** A village at a time: its requests go out at once, spread over the client's connections. */
  @Override
  public int rowsPerCall() {
    return 1_000;
  }

  @Override
  public void close() {
    fcm.close();
  }

  /**
   * Waits for every answer: the client answers each message within 35 s whatever becomes of its request, so a call
   * stays within its bound ({@link #longestCall()}). Only a stop cuts the wait short; what is unanswered then is
   * counted as not reached (tried again later).
   */
  private static void awaitAnswers(List<CompletableFuture<FcmAnswer>> answers) {
    try {
      CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // the client's answers never fail: nothing to wait for
    }
  }

  /** One message, as written: the same payload at the same time (one change of an alert to many people). */
  private record Written(JsonObject payload, Instant createdAt) {
  }

  @Override
  public Map<Long, Outcome> send(List<OutboxRow> rows) throws SQLException {
    Map<Long, List<String>> tokens;
    try (Connection c = dataSource.getConnection()) {
      tokens = PushTokens.byPerson(c, rows.stream().map(OutboxRow::personId).toList());
    }
    Map<Long, Outcome> outcomes = new HashMap<>();
    Map<Written, List<OutboxRow>> byMessage = new LinkedHashMap<>();
    Instant now = Instant.now();
    for (OutboxRow row : rows) {
      if (TimeToLive.expired(row, now)) {
        outcomes.put(row.id(), TimeToLive.expiredOutcome(row));
      } else if (tokens.getOrDefault(row.personId(), List.of()).isEmpty()) {
        outcomes.put(row.id(), Outcome.failed("no app registered", new JsonObject().put("apps", 0)));
      } else {
        byMessage.computeIfAbsent(new Written(row.payload(), row.createdAt()), p -> new ArrayList<>()).add(row);
      }
    }
    List<String> deadTokens = new ArrayList<>();
    byMessage.forEach((message, messageRows) -> outcomes.putAll(sendMessage(message, messageRows, tokens,
        deadTokens)));
    removeDeadTokens(deadTokens);
    return outcomes;
  }

  /** The messages went out whatever happens here: a failure to remove tokens never sends them again. */
  private void removeDeadTokens(List<String> deadTokens) {
    if (deadTokens.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      LOG.info("Removed {} push tokens that FCM reports as unregistered", PushTokens.remove(c, deadTokens));
    } catch (SQLException e) {
      LOG.warn("Removing {} unregistered push tokens failed ({}); they are removed when FCM next reports them",
          deadTokens.size(), e.getMessage());
    }
  }

  private Map<Long, Outcome> sendMessage(Written message, List<OutboxRow> rows, Map<Long, List<String>> tokens,
      List<String> deadTokens) {
    JsonObject payload = message.payload();
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
    FcmMessageJson json = new FcmMessageJson(message(payload, drill, message.createdAt()));
    try {
      String authorization = fcm.authorization();
      List<CompletableFuture<FcmAnswer>> answers = new ArrayList<>(all.size());
      all.forEach(token -> answers.add(fcm.send(authorization, json.forToken(token))));
      awaitAnswers(answers);
      for (int i = 0; i < all.size(); i++) {
        String token = all.get(i);
        tallies.get(owner.get(token).id()).add(token, answers.get(i).getNow(UNANSWERED), deadTokens);
      }
    } catch (IOException e) {
      // no access token: every recipient is tried again later
      LOG.warn("No FCM access token ({}); {} recipients are tried again later", e.getMessage(), rows.size());
      rows.forEach(row -> tallies.get(row.id()).failWhole(e));
    }
    Map<Long, Outcome> outcomes = new HashMap<>();
    for (OutboxRow row : rows) {
      Outcome outcome = tallies.get(row.id()).outcome(row.attempts());
      if (tallies.get(row.id()).refused > 0) {
        // a message FCM refuses will be refused again: nothing of it reaches this person, whatever their tokens
        LOG.error("[alert: {}, outbox: {}] FCM refused the message ({}); it is recorded as failed, tokens kept",
            row.alertId(), row.id(), tallies.get(row.id()).lastError);
      }
      outcomes.put(row.id(), outcome);
    }
    return outcomes;
  }

  Message.Builder message(JsonObject payload, boolean drill, Instant createdAt) {
    // device health messages carry no level: they go out like blue, on a channel of their own; a call for help
    // carries none either and goes out like red (a person is waiting), on its own channel, living as long as blue
    boolean help = HelpMessages.isHelp(payload);
    WarningLevel lifetime = TimeToLive.level(payload);
    WarningLevel level = help ? WarningLevel.RED : lifetime;
    String androidChannel = help ? HelpMessages.ANDROID_CHANNEL
        : payload.containsKey("level") ? "warning_" + level.key() : "device_health";
    boolean urgent = level.severity() >= WarningLevel.ORANGE.severity();
    // the time to live counts from when the message was written, not from this attempt
    Instant expires = createdAt.plus(TimeToLive.of(lifetime));
    long ttlMillis = Math.max(0, Duration.between(Instant.now(), expires).toMillis());
    Duration ttl = Duration.ofSeconds((ttlMillis + 999) / 1000);
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
    PushPayload shaped = PushPayload.of(payload, data);
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
        .putHeader("apns-expiration", String.valueOf(expires.getEpochSecond()))
        .setAps(aps.build())
        .build();
    return Message.builder()
        .setNotification(Notification.builder().setTitle(shaped.title()).setBody(shaped.body()).build())
        .putAllData(shaped.data())
        .setAndroidConfig(android)
        .setApnsConfig(apns);
  }

  /** What happened to one recipient's tokens. */
  private static final class Tally {
    private int delivered;
    private int removed;
    private int transientFailures;
    private int refused;
    private Duration retryAfter = Duration.ZERO;
    private String lastError;

    void add(String token, FcmAnswer answer, List<String> deadTokens) {
      if (answer.delivered()) {
        delivered++;
        return;
      }
      lastError = answer.error();
      if (DEAD_TOKEN.contains(answer.errorCode())) {
        deadTokens.add(token);
        removed++;
      } else if ("INVALID_ARGUMENT".equals(answer.errorCode())) {
        refused++;
      } else if (answer.errorCode() == null || TRANSIENT.contains(answer.errorCode())) {
        transientFailures++;
        retryAfter = max(retryAfter, answer.retryAfter());
      }
    }

    void failWhole(Exception cause) {
      transientFailures++;
      lastError = String.valueOf(cause);
    }

    Outcome outcome(int attempts) {
      JsonObject result = new JsonObject().put("delivered", delivered).put("removed_tokens", removed)
          .put("transient_failures", transientFailures).put("refused", refused);
      if (delivered > 0) {
        return Outcome.sent(result);
      }
      if (transientFailures > 0) {
        Duration wait = max(retryAfter, OutboxDispatcher.backoff(attempts));
        return Outcome.retry(wait, lastError, result);
      }
      if (refused > 0) {
        return Outcome.failed("FCM refused the message: " + lastError, result);
      }
      return Outcome.failed(lastError == null ? "no app reachable" : lastError, result);
    }

    private static Duration max(Duration a, Duration b) {
      return a.compareTo(b) >= 0 ? a : b;
    }
  }
}
