package org.geohazard.broker;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-device rules of the geohazard platform on HiveMQ: who may connect (user name, password, bound client id)
 * and what each client may publish, subscribe to and receive, from the same dynamic-security file that Mosquitto's
 * plugin reads (deploy/mosquitto/make-dynsec.sh). The file is read once, at broker start: after a change, restart
 * the broker. Without a readable, valid file it fails closed: it logs why and refuses every client.
 */
public final class DeviceRulesMain implements ExtensionMain {
  /** Where the credentials file is, when not in conf/dynamic-security.json of the extension's folder. */
  public static final String FILE_ENV = "GEOHAZARD_BROKER_CREDENTIALS_FILE";
  private static final Logger LOG = LoggerFactory.getLogger(DeviceRulesMain.class);

  private static final SimpleAuthenticator REFUSE_ALL =
      (input, output) -> output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "Not authorized");

  private final Path file;

  /** As HiveMQ loads it from its extensions folder: the file from the environment or the extension's conf/. */
  public DeviceRulesMain() {
    this(null);
  }

  /** With the credentials file given (an embedded broker). */
  public DeviceRulesMain(Path file) {
    this.file = file;
  }

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    Path path = file;
    if (path == null) {
      String fromEnv = System.getenv(FILE_ENV);
      path = fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv)
          : input.getExtensionInformation().getExtensionHomeFolder().toPath().resolve("conf/dynamic-security.json");
    }
    Credentials credentials;
    try {
      credentials = Credentials.read(path);
    } catch (IllegalArgumentException e) {
      LOG.error("Geohazard device rules: every client is refused until the broker restarts with a usable file: {}",
          e.getMessage());
      Services.securityRegistry().setAuthenticatorProvider(providerInput -> REFUSE_ALL);
      return;
    }
    DeviceAuthenticator authenticator = new DeviceAuthenticator(credentials);
    DeviceAuthorizer authorizer = new DeviceAuthorizer(credentials);
    ReceiveFilter receiveFilter = new ReceiveFilter(credentials);
    Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
    Services.securityRegistry().setAuthorizerProvider(providerInput -> authorizer);
    Services.initializerRegistry().setClientInitializer(
        (initializerInput, context) -> context.addPublishOutboundInterceptor(receiveFilter));
    LOG.info("Geohazard device rules: {} clients from {}; a changed file takes effect at the next broker start",
        credentials.size(), path);
  }

  @Override
  public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
    LOG.info("Geohazard device rules stopped");
  }
}
