package org.geohazard.alerts.delivery;

import com.google.firebase.FirebaseApp;
import com.google.firebase.ThreadManager;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Admin SDK's threads for one FCM client: as many as requests may be in flight, each waiting for its answer, and
 * none kept while idle. Daemon threads, so a push in flight never holds up a stop.
 */
final class PushThreads extends ThreadManager {
  private final int threads;
  private final AtomicInteger created = new AtomicInteger();

  PushThreads(int threads) {
    this.threads = threads;
  }

  @Override
  protected ExecutorService getExecutor(FirebaseApp app) {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), getThreadFactory());
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  @Override
  protected void releaseExecutor(FirebaseApp app, ExecutorService executor) {
    executor.shutdownNow();
  }

  @Override
  protected ThreadFactory getThreadFactory() {
    return runnable -> {
      Thread thread = new Thread(runnable, "fcm-push-" + created.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
