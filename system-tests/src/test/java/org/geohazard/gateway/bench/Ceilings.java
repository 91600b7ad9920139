package org.geohazard.gateway.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.geohazard.gateway.mqtt.MessageListener;
import org.postgresql.PGConnection;

/** The two ceilings the end-to-end figure is read against: the broker alone, and the database alone. */
final class Ceilings {
  private Ceilings() {
  }

  /** Messages per second the broker passes from the load generator to one QoS 1 subscriber. */
  static double brokerPassThrough(String brokerUrl, long millis) throws Exception {
    AtomicLong received = new AtomicLong();
    MqttAsyncClient subscriber = new MqttAsyncClient(brokerUrl, "ceiling-" + System.nanoTime(),
        new MemoryPersistence());
    subscriber.setCallback((MessageListener) (topic, message) -> received.incrementAndGet());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setSocketFactory(new org.geohazard.gateway.mqtt.BufferedSockets());
    options.setReceiveMaximum(1000);
    subscriber.connect(options).waitForCompletion(10_000);
    subscriber.subscribe("ceiling/v1/+/telemetry", 1).waitForCompletion(10_000);
    LoadGenerator load = new LoadGenerator(brokerUrl, "ceiling/v1", 500, 4);
    long start = System.nanoTime();
    long published = load.run(millis, 0);
    while (received.get() < published && System.nanoTime() - start < (millis + 30_000) * 1_000_000) {
      Thread.sleep(10);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    load.close();
    subscriber.disconnect().waitForCompletion(5_000);
    subscriber.close();
    return received.get() / seconds;
  }

  /** Rows per second of plain COPY into the reading table, in transactions of one batch's size. */
  static double copyIntoReadings(DataSource dataSource, int sensors, int rowsPerCommit, int commits)
      throws Exception {
    long base = 1_600_000_000_000L;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      var copy = connection.unwrap(PGConnection.class).getCopyAPI();
      long start = System.nanoTime();
      long row = 0;
      for (int c = 0; c < commits; c++) {
        StringBuilder text = new StringBuilder(rowsPerCommit * 64);
        for (int i = 0; i < rowsPerCommit; i++, row++) {
          text.append(1 + row % sensors).append('\t')
              .append(java.time.Instant.ofEpochMilli(base + row)).append('\t')
              .append(row % 300).append("\t0\t")
              .append(java.time.Instant.ofEpochMilli(base + row)).append('\n');
        }
        copy.copyIn("COPY reading (sensor_id, ts, value, flags, received_at) FROM STDIN",
            new StringReader(text.toString()));
        connection.commit();
      }
      double rate = row / ((System.nanoTime() - start) / 1e9);
      try (var statement = connection.createStatement()) {
        statement.execute("TRUNCATE reading");
      }
      connection.commit();
      return rate;
    }
  }
}
