package org.geohazard.broker;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a client only with a user name and password of the credentials file and, when the file binds one, the
 * client id bound to that user: a stolen device credential cannot take over the gateway's or another device's
 * session. Every refusal is CONNACK "not authorized", whatever the reason, so that it tells a caller nothing.
 */
final class DeviceAuthenticator implements SimpleAuthenticator {
  /** The connection attribute under which the authenticated user name is kept for the authorizers. */
  static final String USER_ATTRIBUTE = "geohazard.user";
  private static final Logger LOG = LoggerFactory.getLogger(DeviceAuthenticator.class);

  private final Credentials credentials;

  DeviceAuthenticator(Credentials credentials) {
    this.credentials = credentials;
  }

  @Override
  public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
    ConnectPacket connect = input.getConnectPacket();
    String clientId = connect.getClientId();
    Optional<String> user = connect.getUserName();
    byte[] password = connect.getPassword().map(DeviceAuthenticator::bytes).orElse(new byte[0]);
    Client client = user.map(credentials::client).orElse(null);
    String refusal;
    if (client == null) {
      Client.spendAsMuchAsACheck(password);
      refusal = user.isPresent() ? "unknown user" : "no user name";
    } else if (connect.getPassword().isEmpty() || !client.admits(password, clientId)) {
      refusal = client.disabled() ? "client disabled" : "wrong password or a client id not bound to this user";
    } else {
      input.getConnectionInformation().getConnectionAttributeStore().putAsString(USER_ATTRIBUTE, client.username());
      output.authenticateSuccessfully();
      return;
    }
    LOG.info("Refused a connection [client: {}, user: {}]: {}", printable(clientId),
        printable(user.orElse("")), refusal);
    output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "Not authorized");
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.asReadOnlyBuffer();
    copy.rewind();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }

  /** A name from the network, safe for one log line. */
  static String printable(String text) {
    String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
    return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
  }
}
