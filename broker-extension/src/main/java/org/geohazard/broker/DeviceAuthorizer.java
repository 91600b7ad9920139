package org.geohazard.broker;

import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each PUBLISH (and each will message) and each subscription of a client against its ACLs: a refused
 * publish gets PUBACK "not authorized" (an MQTT 3 client is disconnected), a refused subscription SUBACK "not
 * authorized". HiveMQ presents a shared subscription with its whole filter, {@code $share/<group>/<filter>}.
 */
final class DeviceAuthorizer implements PublishAuthorizer, SubscriptionAuthorizer {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceAuthorizer.class);

  private final Credentials credentials;
  private final AccessRules rules;

  DeviceAuthorizer(Credentials credentials) {
    this.credentials = credentials;
    this.rules = new AccessRules(credentials);
  }

  @Override
  public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
    Client client = clientOf(credentials, input.getConnectionInformation());
    String topic = input.getPublishPacket().getTopic();
    if (client != null && rules.mayPublish(client, topic)) {
      output.authorizeSuccessfully();
      return;
    }
    LOG.info("Refused a publish [client: {}, topic: {}]", printableId(input.getClientInformation().getClientId()),
        DeviceAuthenticator.printable(topic));
    output.failAuthorization(AckReasonCode.NOT_AUTHORIZED);
  }

  @Override
  public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
    Client client = clientOf(credentials, input.getConnectionInformation());
    String filter = input.getSubscription().getTopicFilter();
    if (client != null && rules.maySubscribe(client, filter)) {
      output.authorizeSuccessfully();
      return;
    }
    LOG.info("Refused a subscription [client: {}, filter: {}]",
        printableId(input.getClientInformation().getClientId()), DeviceAuthenticator.printable(filter));
    output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED);
  }

  /** The client the authenticator admitted on this connection, or null. */
  static Client clientOf(Credentials credentials, ConnectionInformation connection) {
    return connection.getConnectionAttributeStore().getAsString(DeviceAuthenticator.USER_ATTRIBUTE)
        .map(credentials::client).orElse(null);
  }

  private static String printableId(String clientId) {
    return DeviceAuthenticator.printable(clientId);
  }
}
