package org.geohazard.gateway.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS towards the broker: trusts exactly the certificates of one PEM file (the CA that signed the broker's
 * certificate, e.g. the one deploy/mosquitto/make-certs.sh makes), not the JVM's public CAs.
 */
public final class MqttTls {
  private MqttTls() {
  }

  /**
   * A socket factory trusting only the certificates in {@code caFile}.
   *
   * @param key the configuration key that named the file, for the error message
   * @throws IllegalArgumentException when the file is missing, unreadable or holds no certificate
   */
  public static SSLSocketFactory trusting(Path caFile, String key) {
    if (!Files.isRegularFile(caFile) || !Files.isReadable(caFile)) {
      throw new IllegalArgumentException(key + ": cannot read the CA certificate file " + caFile.toAbsolutePath());
    }
    try (InputStream in = Files.newInputStream(caFile)) {
      Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(key + ": " + caFile + " holds no PEM certificate");
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        trusted.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(key + ": " + caFile + " is not a PEM certificate file (" + e.getMessage() + ")");
    }
  }
}
