package org.geohazard.gateway.mqtt;

import org.geohazard.gateway.testing.TestBrokers;

/** Device contract v1 through the embedded HiveMQ broker. */
class IntakeOnHiveMqTest extends IntakeBehaviour {
  @Override
  String brokerUrl() {
    return TestBrokers.hivemq();
  }
}
