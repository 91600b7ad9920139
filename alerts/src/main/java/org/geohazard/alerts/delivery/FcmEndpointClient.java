package org.geohazard.alerts.delivery;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.function.Supplier;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncPushConsumer;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.HandlerFactory;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.reactor.IOReactorStatus;
import org.apache.hc.core5.util.TimeValue;

/**
 * The Admin SDK's HTTP/2 client with FCM's host replaced by another endpoint: each request to the FCM host gets the
 * endpoint's scheme and authority before the client picks its route, so the connection, TLS (SNI, host name check)
 * and the {@code :authority} header all name the endpoint. Other hosts (the OAuth token endpoint) are left alone.
 */
final class FcmEndpointClient extends CloseableHttpAsyncClient {
  private final CloseableHttpAsyncClient delegate;
  private final String fcmHost;
  private final String scheme;
  private final URIAuthority authority;

  FcmEndpointClient(CloseableHttpAsyncClient delegate, String fcmHost, URI endpoint) {
    this.delegate = delegate;
    this.fcmHost = fcmHost;
    this.scheme = endpoint.getScheme();
    this.authority = new URIAuthority(endpoint.getHost(), endpoint.getPort());
  }

  @Override
  protected <T> Future<T> doExecute(HttpHost target, AsyncRequestProducer producer, AsyncResponseConsumer<T> consumer,
      HandlerFactory<AsyncPushConsumer> pushHandlerFactory, HttpContext context, FutureCallback<T> callback) {
    return delegate.execute(target, new Redirecting(producer), consumer, pushHandlerFactory, context, callback);
  }

  private final class Redirecting implements AsyncRequestProducer {
    private final AsyncRequestProducer producer;

    Redirecting(AsyncRequestProducer producer) {
      this.producer = producer;
    }

    @Override
    public void sendRequest(RequestChannel channel, HttpContext context) throws HttpException, IOException {
      producer.sendRequest((HttpRequest request, EntityDetails entity, HttpContext c) -> {
        URIAuthority target = request.getAuthority();
        if (target != null && fcmHost.equalsIgnoreCase(target.getHostName())) {
          request.setScheme(scheme);
          request.setAuthority(authority);
        }
        channel.sendRequest(request, entity, c);
      }, context);
    }

    @Override
    public boolean isRepeatable() {
      return producer.isRepeatable();
    }

    @Override
    public void failed(Exception cause) {
      producer.failed(cause);
    }

    @Override
    public int available() {
      return producer.available();
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
      producer.produce(channel);
    }

    @Override
    public void releaseResources() {
      producer.releaseResources();
    }
  }

  @Override
  public void start() {
    delegate.start();
  }

  @Override
  public IOReactorStatus getStatus() {
    return delegate.getStatus();
  }

  @Override
  public void awaitShutdown(TimeValue waitTime) throws InterruptedException {
    delegate.awaitShutdown(waitTime);
  }

  @Override
  public void initiateShutdown() {
    delegate.initiateShutdown();
  }

  @Override
  public void register(String hostname, String uriPattern, Supplier<AsyncPushConsumer> supplier) {
    delegate.register(hostname, uriPattern, supplier);
  }

  @Override
  public void close(CloseMode closeMode) {
    delegate.close(closeMode);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
