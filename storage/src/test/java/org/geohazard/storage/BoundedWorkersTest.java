package org.geohazard.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class BoundedWorkersTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void workBeyondTheThreadsAndTheQueueIsRefusedAtOnceAndTheRestRuns() throws Exception {
    try (BoundedWorkers workers = new BoundedWorkers(vertx, "bounded-test", 1, 1, "full")) {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch running = new CountDownLatch(1);
      Future<String> first = workers.run(() -> {
        running.countDown();
        release.await(10, TimeUnit.SECONDS);
        return "first";
      });
      assertTrue(running.await(10, TimeUnit.SECONDS));
      Future<String> queued = workers.run(() -> "queued");
      Future<String> refused = workers.run(() -> "refused");

      assertTrue(refused.failed(), "the third piece of work is refused without waiting");
      assertInstanceOf(RejectedExecutionException.class, refused.cause());
      release.countDown();
      assertEquals("first", first.await(10, TimeUnit.SECONDS));
      assertEquals("queued", queued.await(10, TimeUnit.SECONDS));
      assertEquals("again", workers.run(() -> "again").await(10, TimeUnit.SECONDS),
          "room is made again as work completes");
    }
  }
}
