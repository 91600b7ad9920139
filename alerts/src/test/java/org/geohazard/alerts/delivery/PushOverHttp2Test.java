package org.geohazard.alerts.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.messaging.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.geohazard.alerts.testing.FakeFcmServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The FCM client as a deployment builds it: HTTP/2, a burst spread over a few connections, FCM's errors read. */
@Timeout(60)
class PushOverHttp2Test {
  private static final int RESIDENTS = 200;

  @Test
  void aVillagesPushesGoOverHttp2OnAFewConnections() throws Exception {
    try (FakeFcmServer fcm = new FakeFcmServer(); FcmV1Client client = fcm.client()) {
      List<FcmAnswer> answers = sendAll(client, IntStream.range(0, RESIDENTS).mapToObj(i -> "ok-resident-" + i));

      assertEquals(RESIDENTS, answers.stream().filter(FcmAnswer::delivered).count(), "every push is accepted");
      List<FakeFcmServer.Received> arrivals = fcm.arrivals();
      assertEquals(Set.of("HTTP_2"), arrivals.stream().map(FakeFcmServer.Received::httpVersion)
          .collect(Collectors.toSet()), "every push request goes over HTTP/2");
      long connections = arrivals.stream().map(FakeFcmServer.Received::connection).distinct().count();
      assertTrue(connections <= FcmV1Client.CONNECTIONS, "the requests share the client's connections: "
          + connections);
    }
  }

  /**
   * FCM answers after a round trip and lets each HTTP/2 connection carry 100 requests at once: on one connection a
   * village would go out 100 requests per round trip.
   */
  @Test
  void aBurstKeepsMoreRequestsInFlightThanOneConnectionCarries() throws Exception {
    try (FakeFcmServer fcm = new FakeFcmServer(); FcmV1Client client = fcm.client()) {
      fcm.answerDelay(Duration.ofSeconds(2));

      List<FcmAnswer> answers = sendAll(client, IntStream.range(0, 500).mapToObj(i -> "ok-resident-" + i));

      assertEquals(500, answers.stream().filter(FcmAnswer::delivered).count());
      assertTrue(fcm.mostInFlight() > 300, "requests in flight at once: " + fcm.mostInFlight());
    }
  }

  @Test
  void theAccessTokenIsFetchedWhenTheClientIsBuiltNotInsideTheFirstWarning() throws Exception {
    try (FakeFcmServer fcm = new FakeFcmServer(); FcmV1Client client = fcm.client()) {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (fcm.tokenRequests() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(1, fcm.tokenRequests(), "a token is fetched before any push");

      assertTrue(sendAll(client, Stream.of("ok-first")).get(0).delivered());

      assertEquals(1, fcm.tokenRequests(), "the first push uses it");
    }
  }

  /** FCM refuses an access token (revoked): the message is tried again later, with a new token. */
  @Test
  void anAccessTokenFcmRefusesIsReplacedBeforeTheNextPush() throws Exception {
    try (FakeFcmServer fcm = new FakeFcmServer(); FcmV1Client client = fcm.client()) {
      assertTrue(sendAll(client, Stream.of("ok-1")).get(0).delivered());
      fcm.revokeAccessTokens();

      FcmAnswer refused = sendAll(client, Stream.of("ok-2")).get(0);
      assertFalse(refused.delivered());
      assertEquals(null, refused.errorCode(), "tried again later: " + refused);
      assertTrue(refused.error().contains("401"), refused.error());

      assertTrue(sendAll(client, Stream.of("ok-2")).get(0).delivered(), "the next push has a new token");
      assertEquals(2, fcm.tokenRequests());
    }
  }

  /**
   * Token refused, new token, push: over and over on one connection, each push answered at once. Requests made from
   * the caller's thread each on a context of their own lost about one answer in twenty here; the client's deadline
   * (35 s) would have answered them much later as not reached.
   */
  @Test
  void everyPushAfterARefusedTokenIsAnswered() throws Exception {
    try (FakeFcmServer fcm = new FakeFcmServer(); FcmV1Client client = fcm.client()) {
      FcmMessageJson json = new FcmMessageJson(Message.builder().putData("kind", "warning"));
      assertTrue(client.send(client.authorization(), json.forToken("ok-first")).join().delivered());
      for (int round = 0; round < 150; round++) {
        fcm.revokeAccessTokens();
        for (String token : List.of("ok-refused-" + round, "ok-" + round)) {
          FcmAnswer answer = client.send(client.authorization(), json.forToken(token)).get(5, TimeUnit.SECONDS);
          assertEquals(token.startsWith("ok-refused-"), !answer.delivered(), token + ": " + answer);
        }
      }
      assertEquals(151, fcm.tokenRequests(), "a new token after each refusal");
    }
  }

  @Test
  void fcmsErrorsAreReadAndServerErrorsRetriedInTheCall() throws Exception {
    try (FakeFcmServer fcm = new FakeFcmServer(); FcmV1Client client = fcm.client()) {
      List<FcmAnswer> answers = sendAll(client, Stream.of("gone-1", "busy-1", "bad-1", "down-1", "ok-1"));

      assertEquals("UNREGISTERED", answers.get(0).errorCode());
      assertEquals("QUOTA_EXCEEDED", answers.get(1).errorCode());
      assertEquals(Duration.ofSeconds(7), answers.get(1).retryAfter(), "Retry-After is read");
      assertEquals("INVALID_ARGUMENT", answers.get(2).errorCode());
      assertTrue(answers.get(2).error().contains("invalid argument"), answers.get(2).error());
      assertTrue(answers.get(3).delivered(), "503 is sent again in the call: " + answers.get(3));
      assertEquals(3, fcm.attempts("down-1"));
      assertTrue(answers.get(4).delivered());
      assertFalse(answers.get(0).delivered());
    }
  }

  @Test
  void eachRequestCarriesTheSdksMessageWithItsOwnTokenEscaped() throws Exception {
    try (FakeFcmServer fcm = new FakeFcmServer(); FcmV1Client client = fcm.client()) {
      FcmMessageJson json = new FcmMessageJson(Message.builder().putData("kind", "warning"));
      String token = "ok-\"quoted\"\\token";

      assertTrue(client.send(client.authorization(), json.forToken(token)).join().delivered());

      assertEquals(token, fcm.received().get(0).getString("token"));
      assertEquals("warning", fcm.received().get(0).getJsonObject("data").getString("kind"));
    }
  }

  @Test
  void anHttpsEndpointWhoseCertificateTheJvmDoesNotTrustIsNeverSentAMessage() throws Exception {
    try (FakeFcmServer fcm = new FakeFcmServer(true); FcmV1Client client = fcm.client()) {
      FcmAnswer answer = client.send("Bearer unused", new FcmMessageJson(Message.builder()).forToken("ok-1")).join();

      assertFalse(answer.delivered());
      assertEquals(null, answer.errorCode(), "not reached: tried again later");
      assertTrue(answer.error().contains("SSL") || answer.error().contains("certificat"), answer.error());
      assertEquals(0, fcm.count(), "nothing reached the server");
    }
  }

  /**
   * FCM unreachable in a way that gives no error (packets dropped, or a server that never answers): every request of
   * a village's call is answered "not reached" within the connect timeout, not one connection attempt after another.
   */
  @Test
  void aVillageToAnEndpointThatNeverAnswersIsGivenUpWithinTheConnectTimeout() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1000, java.net.InetAddress.getLoopbackAddress());
        FcmV1Client client = new FcmV1Client(GoogleCredentials.create(new AccessToken("unused", null)), "demo",
            "http://127.0.0.1:" + silent.getLocalPort())) {
      long start = System.nanoTime();
      FcmMessageJson json = new FcmMessageJson(Message.builder());
      List<CompletableFuture<FcmAnswer>> answers = IntStream.range(0, 1_000)
          .mapToObj(i -> client.send("Bearer unused", json.forToken("ok-" + i))).toList();
      CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      List<FcmAnswer> all = answers.stream().map(CompletableFuture::join).toList();
      assertTrue(all.stream().noneMatch(FcmAnswer::delivered));
      assertTrue(all.stream().allMatch(answer -> answer.errorCode() == null), "not reached: tried again later");
      assertTrue(took.compareTo(Duration.ofSeconds(25)) < 0, "every request given up within the connect timeout: "
          + took);
    }
  }

  /** Behind an HTTP proxy (the JVM's, as the Admin SDK used it), FCM is reached through a CONNECT tunnel. */
  @Test
  void fcmIsReachedThroughTheJvmsHttpProxy() throws Exception {
    List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (java.net.ServerSocket proxy = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread refusing = new Thread(() -> {
        while (!proxy.isClosed()) {
          try (java.net.Socket connection = proxy.accept()) {
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(connection.getInputStream(),
                StandardCharsets.US_ASCII));
            asked.add(in.readLine());
            connection.getOutputStream().write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
          } catch (java.io.IOException closed) {
            return;
          }
        }
      });
      refusing.setDaemon(true);
      refusing.start();
      java.net.ProxySelector viaProxy = new java.net.ProxySelector() {
        @Override
        public List<java.net.Proxy> select(java.net.URI uri) {
          return List.of(new java.net.Proxy(java.net.Proxy.Type.HTTP, proxy.getLocalSocketAddress()));
        }

        @Override
        public void connectFailed(java.net.URI uri, java.net.SocketAddress address, java.io.IOException e) {
        }
      };
      try (FcmV1Client client = new FcmV1Client(GoogleCredentials.create(new AccessToken("unused", null)), "demo",
          "https://fcm.example:443", viaProxy)) {
        FcmAnswer answer = client.send("Bearer unused", new FcmMessageJson(Message.builder()).forToken("ok-1"))
            .get(30, TimeUnit.SECONDS);

        assertFalse(answer.delivered(), "the proxy refused the tunnel");
        assertEquals(List.of("CONNECT fcm.example:443 HTTP/1.1"), asked.subList(0, 1));
      }
    }
  }

  @Test
  void anEndpointThatIsNotAnHttpUrlIsRefusedWithAClearMessage() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> new FcmV1Client(GoogleCredentials.create(new AccessToken("unused", null)), "demo",
            "ftp://relay.example:21"));

    assertTrue(refused.getMessage().contains("push.endpoint must be an http:// or https:// URL"), refused.getMessage());
  }

  private static List<FcmAnswer> sendAll(FcmV1Client client, Stream<String> tokens) throws Exception {
    String authorization = client.authorization();
    FcmMessageJson json = new FcmMessageJson(Message.builder().putData("kind", "warning"));
    List<CompletableFuture<FcmAnswer>> answers = tokens.map(t -> client.send(authorization, json.forToken(t)))
        .toList();
    return answers.stream().map(CompletableFuture::join).toList();
  }
}
