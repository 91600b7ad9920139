package org.geohazard.alerts.rules;

/**
 * One measured rule of a hazard point.
 *
 * @param spike the largest plausible change between two consecutive samples; a larger jump is a suspected spike that
 *     cannot raise a warning by itself (NaN: no check)
 * @param standalone whether the rule's level counts for the point directly, or only inside combinations
 */
public record Rule(String name, Measure measure, Persistence persistence, double spike, boolean standalone) {
}
