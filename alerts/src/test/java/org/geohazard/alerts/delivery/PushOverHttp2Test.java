package org.geohazard.alerts.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.Message;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.geohazard.alerts.testing.FakeFcmServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The FCM client as a deployment builds it sends over HTTP/2, a burst of requests sharing the open connection. */
@Timeout(60)
class PushOverHttp2Test {
  private static final int RESIDENTS = 200;

  @Test
  void aVillagesPushesShareTheOpenHttp2Connection() throws Exception {
    try (FakeFcmServer fcm = new FakeFcmServer()) {
      FirebaseMessaging client = fcm.client();
      List<Message> messages = IntStream.range(0, RESIDENTS)
          .mapToObj(i -> Message.builder().setToken("ok-resident-" + i).putData("kind", "warning").build())
          .toList();

      client.send(Message.builder().setToken("ok-first").build());
      BatchResponse response = client.sendEach(messages);

      assertEquals(RESIDENTS, response.getSuccessCount(), "every resident's push is accepted");
      List<FakeFcmServer.Received> arrivals = fcm.arrivals();
      assertEquals(RESIDENTS + 1, arrivals.size());
      assertEquals(Set.of("HTTP_2"), arrivals.stream().map(FakeFcmServer.Received::httpVersion)
          .collect(Collectors.toSet()), "every push request goes over HTTP/2");
      long connections = arrivals.stream().map(FakeFcmServer.Received::connection).distinct().count();
      // requests that start together may open a few connections before the first can be shared
      assertTrue(connections <= RESIDENTS / 20, "the requests are multiplexed, not one connection each: "
          + connections);
    }
  }

  /**
   * FCM answers after a round trip; each request waits for its answer on an SDK thread, so the threads bound how many
   * are in flight. The SDK's own pool of 100 would hold a village to 100 requests per round trip.
   */
  @Test
  void aBurstKeepsFarMoreThanTheSdksDefaultHundredRequestsInFlight() throws Exception {
    try (FakeFcmServer fcm = new FakeFcmServer()) {
      fcm.answerDelay(java.time.Duration.ofSeconds(2));
      FirebaseMessaging client = fcm.client();
      List<Message> messages = IntStream.range(0, 500)
          .mapToObj(i -> Message.builder().setToken("ok-resident-" + i).build())
          .toList();

      BatchResponse response = client.sendEach(messages);

      assertEquals(500, response.getSuccessCount());
      assertTrue(fcm.mostInFlight() > 200, "requests in flight at once: " + fcm.mostInFlight());
    }
  }

  @Test
  void theAccessTokenIsFetchedWhenTheClientIsBuiltNotInsideTheFirstWarning() throws Exception {
    try (FakeFcmServer fcm = new FakeFcmServer()) {
      FirebaseMessaging client = fcm.client();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (fcm.tokenRequests() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(1, fcm.tokenRequests(), "a token is fetched before any push");

      client.send(Message.builder().setToken("ok-first").build());

      assertEquals(1, fcm.tokenRequests(), "the first push uses it");
    }
  }

  @Test
  void anHttp2ClientStillReadsFcmErrors() throws Exception {
    try (FakeFcmServer fcm = new FakeFcmServer()) {
      BatchResponse response = fcm.client().sendEach(List.of(
          Message.builder().setToken("gone-1").build(), Message.builder().setToken("ok-1").build()));

      assertEquals(1, response.getSuccessCount());
      assertEquals(com.google.firebase.messaging.MessagingErrorCode.UNREGISTERED,
          response.getResponses().get(0).getException().getMessagingErrorCode());
      assertEquals("HTTP_2", fcm.arrivals().get(0).httpVersion());
    }
  }

  @Test
  void anEndpointThatIsNotAnHttpUrlIsRefusedWithAClearMessage() {
    IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> FcmClients.transport("ftp://relay.example:21"));

    assertTrue(refused.getMessage().contains("push.endpoint must be an http:// or https:// URL"), refused.getMessage());
  }
}
