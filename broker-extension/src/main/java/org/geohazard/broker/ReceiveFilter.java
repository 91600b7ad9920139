package org.geohazard.broker;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundOutput;

/**
 * publishClientReceive: a message is delivered to a client only if its ACLs let it receive the topic, as with the
 * plugin (which checks at delivery, too). With the files make-dynsec.sh writes every allowed subscription only
 * matches receivable topics, so this only stops what a hand-edited file would let slip.
 */
final class ReceiveFilter implements PublishOutboundInterceptor {
  private final Credentials credentials;
  private final AccessRules rules;

  ReceiveFilter(Credentials credentials) {
    this.credentials = credentials;
    this.rules = new AccessRules(credentials);
  }

  @Override
  public void onOutboundPublish(PublishOutboundInput input, PublishOutboundOutput output) {
    Client client = DeviceAuthorizer.clientOf(credentials, input.getConnectionInformation());
    if (client == null || !rules.mayReceive(client, input.getPublishPacket().getTopic())) {
      output.preventPublishDelivery();
    }
  }
}
