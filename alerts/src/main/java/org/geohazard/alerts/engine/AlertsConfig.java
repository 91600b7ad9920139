package org.geohazard.alerts.engine;

import java.time.Duration;
import org.geohazard.alerts.delivery.DeliveryConfig;
import org.geohazard.alerts.escalation.EscalationPolicy;
import org.geohazard.alerts.escalation.HelpRequestPolicy;
import org.geohazard.alerts.health.HealthConfig;

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
