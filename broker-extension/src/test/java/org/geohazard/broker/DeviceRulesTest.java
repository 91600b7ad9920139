package org.geohazard.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The rules read from a dynamic-security file mean what they mean to Mosquitto's plugin. */
@Tag("unit")
class DeviceRulesTest {
  /** A client as mosquitto_ctrl 2.0.11 wrote it: password "abc". */
  private static final String FILE = """
      {"defaultACLAccess": {"publishClientSend": false, "publishClientReceive": false, "subscribe": false,
                            "unsubscribe": true},
       "clients": [
         {"username": "LF-1", "clientid": "LF-1",
          "password": "b1tEf9nYlxRQy1kgT0ozGPykXDyyFyoRsR3VqeSGG1S9FM/pUBWOZqY+Dt5m4FXwidQM+5hMqzkY/NcOTF7icA==",
          "salt": "SBxtsXrE4Lm+VvaL", "iterations": 101, "roles": [{"rolename": "device-LF-1"}]},
         {"username": "gateway", "clientid": "gw-1",
          "password": "b1tEf9nYlxRQy1kgT0ozGPykXDyyFyoRsR3VqeSGG1S9FM/pUBWOZqY+Dt5m4FXwidQM+5hMqzkY/NcOTF7icA==",
          "salt": "SBxtsXrE4Lm+VvaL", "iterations": 101, "roles": [{"rolename": "gateway"}]}
       ],
       "roles": [
         {"rolename": "device-LF-1", "acls": [
           {"acltype": "publishClientSend", "topic": "g/v1/LF-1/telemetry", "allow": true},
           {"acltype": "subscribeLiteral", "topic": "g/v1/LF-1/cmd", "allow": true},
           {"acltype": "publishClientReceive", "topic": "g/v1/LF-1/cmd", "allow": true}]},
         {"rolename": "gateway", "acls": [
           {"acltype": "subscribePattern", "topic": "g/v1/+/telemetry", "allow": true},
           {"acltype": "subscribePattern", "topic": "$share/+/g/v1/+/telemetry", "allow": true},
           {"acltype": "publishClientReceive", "topic": "g/v1/+/telemetry", "allow": true},
           {"acltype": "publishClientSend", "topic": "g/v1/+/cmd", "allow": true}]}
       ]}
      """;
  private static final byte[] ABC = "abc".getBytes(StandardCharsets.UTF_8);

  private final Credentials credentials = Credentials.parse(Json.parse(FILE));
  private final AccessRules rules = new AccessRules(credentials);
  private final Client device = credentials.client("LF-1");
  private final Client gateway = credentials.client("gateway");

  @Test
  void thePasswordHashIsTheOneMosquittoCtrlWrites() {
    assertArrayEquals(Base64.getDecoder().decode(
        "b1tEf9nYlxRQy1kgT0ozGPykXDyyFyoRsR3VqeSGG1S9FM/pUBWOZqY+Dt5m4FXwidQM+5hMqzkY/NcOTF7icA=="),
        Client.pbkdf2(ABC, Base64.getDecoder().decode("SBxtsXrE4Lm+VvaL"), 101, 64));
  }

  @Test
  void aClientIsAdmittedOnlyWithItsPasswordAndItsBoundClientId() {
    assertTrue(device.admits(ABC, "LF-1"));
    assertFalse(device.admits("abd".getBytes(StandardCharsets.UTF_8), "LF-1"));
    assertFalse(device.admits(ABC, "gw-1"));
    assertFalse(gateway.admits(ABC, "LF-1"));
  }

  @Test
  void aDevicePublishesAndSubscribesOnlyUnderItsOwnId() {
    assertTrue(rules.mayPublish(device, "g/v1/LF-1/telemetry"));
    assertFalse(rules.mayPublish(device, "g/v1/LF-2/telemetry"));
    assertFalse(rules.mayPublish(device, "g/v1/LF-1/cmd"));
    assertTrue(rules.maySubscribe(device, "g/v1/LF-1/cmd"));
    for (String filter : new String[] {"#", "g/v1/+/cmd", "g/v1/LF-2/cmd", "$share/gateways/g/v1/+/telemetry",
        "$share/gateways/#", "g/v1/LF-1/#", "g/v1/+/telemetry"}) {
      assertFalse(rules.maySubscribe(device, filter), filter);
    }
    assertTrue(rules.mayReceive(device, "g/v1/LF-1/cmd"));
    assertFalse(rules.mayReceive(device, "g/v1/LF-2/cmd"));
  }

  @Test
  void theGatewaySubscribesToAllTelemetryAlsoInASharedGroupButNoWider() {
    assertTrue(rules.maySubscribe(gateway, "g/v1/+/telemetry"));
    assertTrue(rules.maySubscribe(gateway, "$share/gateways/g/v1/+/telemetry"));
    assertTrue(rules.maySubscribe(gateway, "g/v1/LF-1/telemetry"));
    assertFalse(rules.maySubscribe(gateway, "g/v1/#"));
    assertFalse(rules.maySubscribe(gateway, "g/v1/+/+"));
    assertFalse(rules.maySubscribe(gateway, "$share/gateways/#"));
    assertTrue(rules.mayPublish(gateway, "g/v1/LF-1/cmd"));
    assertFalse(rules.mayPublish(gateway, "g/v1/LF-1/telemetry"));
  }

  @Test
  void topicMatchingFollowsMqtt() {
    assertTrue(Topics.matches("a/+/c", "a/b/c"));
    assertTrue(Topics.matches("a/#", "a"));
    assertTrue(Topics.matches("a/#", "a/b/c"));
    assertFalse(Topics.matches("a/+", "a/b/c"));
    assertFalse(Topics.matches("#", "$SYS/x"));
    assertFalse(Topics.matches("a/b", "a/+"));
  }

  @Test
  void aFileThatCannotBeEnforcedIsRefusedWithAMessage() {
    IllegalArgumentException groups = assertThrows(IllegalArgumentException.class,
        () -> Credentials.parse(Json.parse("{\"groups\": [{\"groupname\": \"g\"}]}")));
    assertTrue(groups.getMessage().contains("groups"), groups.getMessage());
    IllegalArgumentException role = assertThrows(IllegalArgumentException.class, () -> Credentials.parse(Json.parse(
        "{\"clients\": [{\"username\": \"u\", \"roles\": [{\"rolename\": \"missing\"}]}]}")));
    assertTrue(role.getMessage().contains("missing"), role.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> Credentials.parse(Json.parse(
        "{\"roles\": [{\"rolename\": \"r\", \"acls\": [{\"acltype\": \"publish\", \"topic\": \"a\"}]}]}")));
    assertTrue(type.getMessage().contains("publish"), type.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"clients\": [}"));
  }
}
