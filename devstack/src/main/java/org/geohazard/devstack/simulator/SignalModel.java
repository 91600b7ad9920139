package org.geohazard.devstack.simulator;

import java.util.Random;

/**
 * Plausible values for the demo: rain that comes in storms, a crack and a GNSS station creeping slowly with
 * noise, a mud level that follows the rain, an inclinometer and accelerometer with small noise.
 */
final class SignalModel {
  private final Random random;
  private double rainRate;     // mm per hour
  private double crack = 12.0; // mm
  private double east;
  private double north;
  private double up;
  private double mud = 0.4;    // m
  private double moisture = 28; // %

  private final long landslideStart;

  /** @param landslideStart epoch millis when the crack starts to accelerate, or -1 for a quiet slope */
  SignalModel(long seed, long landslideStart) {
    this.random = new Random(seed);
    this.landslideStart = landslideStart;
  }

  /**
   * The crack's opening in an accelerating landslide: exponential growth from the start, about 2 mm after 3.5
   * minutes, 5 after 5, 10 after 6 and 20 after 7, up to 40 mm.
   */
  private double landslideOpening() {
    if (landslideStart < 0 || System.currentTimeMillis() < landslideStart) {
      return 0;
    }
    double seconds = (System.currentTimeMillis() - landslideStart) / 1000.0;
    return Math.min(40, 0.2 * (Math.exp(seconds / 90) - 1));
  }

  /** Advances the model by one step of the given length in seconds. */
  void step(double seconds) {
    double hours = seconds / 3600;
    if (rainRate == 0 && random.nextDouble() < 0.02) {
      rainRate = 2 + random.nextDouble() * 25;
    } else if (rainRate > 0 && random.nextDouble() < 0.05) {
      rainRate = 0;
    }
    double creep = 0.01 + rainRate * 0.002;
    crack += creep * hours * 24 * 0.05 + random.nextGaussian() * 0.01;
    east += creep * hours * 10 + random.nextGaussian() * 0.6;
    north += creep * hours * 6 + random.nextGaussian() * 0.6;
    up += -creep * hours * 2 + random.nextGaussian() * 1.2;
    mud = Math.max(0.1, mud + (rainRate * 0.004 - (mud - 0.4) * 0.05) * hours * 60 / 10);
    moisture = Math.min(60, Math.max(15, moisture + rainRate * hours * 0.5 - hours * 0.2));
  }

  double value(String metric, double seconds) {
    return switch (metric) {
      case "rainfall" -> round(rainRate * seconds / 3600 * (0.7 + random.nextDouble() * 0.6), 1);
      case "crack_width" -> round(crack + landslideOpening(), 2);
      case "gnss_east" -> round(east, 1);
      case "gnss_north" -> round(north, 1);
      case "gnss_up" -> round(up, 1);
      case "water_level" -> round(mud, 2);
      case "soil_moisture" -> round(moisture, 1);
      case "tilt_x", "tilt_y" -> round(random.nextGaussian() * 0.02, 3);
      case "accel_x", "accel_y", "accel_z" -> round(random.nextGaussian() * 3, 1);
      default -> round(random.nextGaussian(), 2);
    };
  }

  private static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
