package org.geohazard.alerts.config;

import java.time.Duration;

/**
 * A generic HTTP SMS/voice gateway: a POST of {@code bodyTemplate} to {@code url} for each recipient, with
 * {@code ${phone}}, {@code ${text}}, {@code ${level}} and {@code ${alert_id}} filled in (JSON-escaped when the content
 * type is JSON, URL-encoded when it is a form).
 *
 * @param authHeader a whole header line such as {@code Authorization: Bearer …}, or empty
 */
public record SmsConfig(String url, String authHeader, String contentType, String bodyTemplate, Duration timeout) {

  public boolean enabled() {
    return !url.isEmpty();
  }
}
