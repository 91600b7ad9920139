package org.geohazard.alerts.delivery;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.geohazard.alerts.config.SmsConfig;

/**
 * Messages to a carrier's SMS or voice gateway for people without the app: one HTTP POST per recipient. 2xx is sent,
 * 429 and 5xx are retried (honouring Retry-After), any other answer is a failure recorded with its status. A message
 * past its time to live (counted from when it was written) is recorded as expired, not sent. One recipient per call:
 * a slow gateway holds back no other message, and each outcome is recorded as soon as the gateway answers.
 */
public final class SmsChannel implements Channel {
  private static final String PHONES = "SELECT id, phone FROM person WHERE id = ANY (?)";

  private final DataSource dataSource;
  private final SmsConfig config;
  private final HttpClient http;

  public SmsChannel(DataSource dataSource, SmsConfig config) {
    this.dataSource = dataSource;
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
  }

  @Override
  public int rowsPerCall() {
    return 1;
  }

  /** Connecting and then waiting for the answer, each up to the configured timeout. */
  @Override
  public Duration longestCall() {
    return config.timeout().multipliedBy(2).plusSeconds(1);
  }

  @Override
  public Map<Long, Outcome> send(List<OutboxRow> rows) throws SQLException, InterruptedException {
    Map<Long, String> phones = phones(rows);
    Map<Long, Outcome> outcomes = new HashMap<>();
    Instant now = Instant.now();
    for (OutboxRow row : rows) {
      String phone = phones.get(row.personId());
      outcomes.put(row.id(), TimeToLive.expired(row, now) ? TimeToLive.expiredOutcome(row)
          : phone == null ? Outcome.failed("no phone number", null) : post(row, phone));
    }
    return outcomes;
  }

  private Outcome post(OutboxRow row, String phone) throws InterruptedException {
    JsonObject payload = row.payload();
    String text = payload.getString("title", "") + ". " + payload.getString("body", "");
    String body = config.bodyTemplate()
        .replace("${phone}", escape(phone))
        .replace("${text}", escape(text))
        .replace("${level}", escape(payload.getString("level", "")))
        .replace("${alert_id}", escape(String.valueOf(row.alertId())));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.url()))
        .timeout(config.timeout())
        .header("Content-Type", config.contentType())
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (!config.authHeader().isEmpty()) {
      int colon = config.authHeader().indexOf(':');
      request.header(config.authHeader().substring(0, colon).trim(), config.authHeader().substring(colon + 1).trim());
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      JsonObject result = new JsonObject().put("status", status);
      if (status >= 200 && status < 300) {
        return Outcome.sent(result);
      }
      if (status == 429 || status >= 500) {
        long wait = response.headers().firstValue("Retry-After").map(SmsChannel::seconds).orElse(0L);
        return Outcome.retry(Duration.ofSeconds(Math.max(wait, OutboxDispatcher.backoff(row.attempts()).toSeconds())),
            "gateway answered " + status, result);
      }
      return Outcome.failed("gateway refused the message: " + status, result);
    } catch (IOException e) {
      return Outcome.retry(OutboxDispatcher.backoff(row.attempts()), "gateway unreachable: " + e.getMessage(), null);
    }
  }

  private String escape(String value) {
    if (config.contentType().startsWith("application/x-www-form-urlencoded")) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
    if (config.contentType().contains("json")) {
      String quoted = new io.vertx.core.json.JsonArray().add(value).encode();
      return quoted.substring(2, quoted.length() - 2);
    }
    return value;
  }

  private static long seconds(String header) {
    try {
      return Math.min(600, Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private Map<Long, String> phones(List<OutboxRow> rows) throws SQLException {
    Map<Long, String> phones = new HashMap<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(PHONES)) {
      s.setArray(1, c.createArrayOf("bigint", rows.stream().map(OutboxRow::personId).toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          phones.put(r.getLong(1), r.getString(2));
        }
      }
    }
    return phones;
  }
}
