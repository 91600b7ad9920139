package org.geohazard.alerts.config;

import java.time.Duration;

/**
 * The warning engine's settings.
 *
 * @param lateAfter a sample that reaches the platform later than this after it was taken updates history but
 *     cannot raise a warning
 * @param help how a call for help nobody has taken on is reminded and escalated
 */
public record AlertsConfig(Duration lateAfter, DeliveryConfig delivery, EscalationPolicy escalation,
    HealthConfig health, HelpRequestPolicy help) {
}
