package org.geohazard.gateway.mqtt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.geohazard.gateway.testing.TestBrokers;
import org.junit.jupiter.api.BeforeAll;

/** Device contract v1 through Mosquitto, when one is given (CI starts one); skipped otherwise. */
class IntakeOnMosquittoTest extends IntakeBehaviour {
  /** Before the inherited per-test set-up, which would otherwise start a gateway on no broker. */
  @BeforeAll
  static void requireMosquitto() {
    assumeTrue(TestBrokers.mosquitto() != null, "no Mosquitto given: set " + TestBrokers.MOSQUITTO_ENV
        + "=tcp://127.0.0.1:PORT");
  }

  @Override
  String brokerUrl() {
    return TestBrokers.mosquitto();
  }
}
