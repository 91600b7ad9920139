package org.geohazard.alerts.rules;

/**
 * The improved tangent angle of a displacement curve (Xu Qiang et al.): with time measured in days and displacement
 * divided by the velocity of the steady-creep stage, the curve's tangent angle is {@code atan(v / v_steady)} — 45°
 * while the slope creeps steadily, approaching 90° as it accelerates towards failure. The current velocity is the
 * least-squares slope of displacement over the window, taken three standard errors below the estimate: the
 * angle only rises above 45° when the acceleration stands out of the measurement noise, so a noisy steady creep stays
 * quiet.
 *
 * @param steadyVelocityPerDay the steady-creep velocity (displacement units per day) from the reference period
 */
public record TangentAngleMeasure(Thresholds thresholds, double steadyVelocityPerDay, long windowMillis)
    implements Measure {
  private static final double DAY = 86_400_000.0;

  public TangentAngleMeasure {
    if (!(steadyVelocityPerDay > 0)) {
      throw new IllegalArgumentException("the steady-creep velocity must be above zero");
    }
  }

  @Override
  public int severityAt(Series series, int index, double ease) {
    double angle = angleAt(series, index);
    return Double.isNaN(angle) ? 0 : thresholds.severity(angle, ease);
  }

  /** The tangent angle in degrees at a sample, or NaN without enough data in the window. */
  public double angleAt(Series series, int index) {
    long now = series.ts(index);
    int first = series.firstAtOrAfter(now - windowMillis);
    int n = index - first + 1;
    if (n < 3 || now - series.ts(first) < windowMillis / 2) {
      return Double.NaN;
    }
    double meanT = 0;
    double meanV = 0;
    for (int i = first; i <= index; i++) {
      meanT += (series.ts(i) - now) / DAY;
      meanV += series.value(i);
    }
    meanT /= n;
    meanV /= n;
    double covariance = 0;
    double variance = 0;
    for (int i = first; i <= index; i++) {
      double t = (series.ts(i) - now) / DAY - meanT;
      covariance += t * (series.value(i) - meanV);
      variance += t * t;
    }
    double slope = covariance / variance;
    double residuals = 0;
    for (int i = first; i <= index; i++) {
      double t = (series.ts(i) - now) / DAY - meanT;
      double fitted = meanV + slope * t;
      residuals += (series.value(i) - fitted) * (series.value(i) - fitted);
    }
    double standardError = Math.sqrt(residuals / (n - 2) / variance);
    double velocity = Math.max(0, Math.abs(slope) - 3 * standardError);
    return Math.toDegrees(Math.atan(velocity / steadyVelocityPerDay));
  }

  @Override
  public long lookbackMillis() {
    return windowMillis;
  }
}
