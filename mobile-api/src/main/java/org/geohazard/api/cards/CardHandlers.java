package org.geohazard.api.cards;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import org.geohazard.api.RequestParams;
import org.geohazard.api.Responses;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.monitors.Inputs;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

/**
 * The two cards (两卡) as issued items: a monitor's work card and a household's avoidance card, produced from the
 * registry as JSON the app shows and as a page to print; each card handed over recorded with its day, who handed it
 * over and the text as printed, with who of the point still has none; a person's own cards for their app. Texts in
 * {@link CardTexts}, scopes in {@link CardAccess}.
 */
public final class CardHandlers {
  private final Database database;

  public CardHandlers(Database database) {
    this.database = database;
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("getCard").addHandler(this::get);
    builder.getRoute("printCard").addHandler(this::print);
    builder.getRoute("recordCardIssue").addHandler(this::record);
    builder.getRoute("listCardIssues").addHandler(this::list);
    builder.getRoute("myCards").addHandler(this::mine);
  }

  void get(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    CardRequest card = CardRequest.of(ctx);
    database.withConnection(c -> {
      CardFacts facts = visibleFacts(c, person, card);
      return json(c, card.kind(), facts, card.holder());
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void print(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    CardRequest card = CardRequest.of(ctx);
    database.withConnection(c -> CardPage.html(CardTexts.of(card.kind(), visibleFacts(c, person, card))))
        .onSuccess(page -> ctx.response().putHeader("Content-Type", CardPage.TYPE).end(page))
        .onFailure(ctx::fail);
  }

  void record(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    String code = ctx.pathParam("code");
    JsonObject body = ctx.body().asJsonObject();
    CardKind kind = CardKind.of(body.getString("kind"));
    long holder = body.getLong("person_id");
    LocalDate issuedOn = Inputs.pastDate(body, "issued_on");
    long handedOverBy = body.getLong("handed_over_by", person);
    database.inTransaction(c -> {
      CardAccess.require(c, code, CardAccess.ISSUE, person, "record cards handed over at point " + code);
      CardFacts facts = CardFacts.read(c, kind, code, holder).orElseThrow(() -> ApiException.invalid(
          "not-card-holder", "Not a holder of this card", notHolder(kind, code, holder)));
      if (handedOverBy != person && !CardAccess.holds(c, code, CardAccess.ISSUE, handedOverBy)) {
        throw ApiException.invalid("invalid-handover", "Not one who hands cards over here", "person "
            + handedOverBy + " is none of the monitors or responsible persons of point " + code
            + ", the duty officers of its county or the administrators");
      }
      long id = CardIssueQueries.insert(c, new CardIssueQueries.NewIssue(kind, code, holder,
          CardTexts.of(kind, facts).text(), issuedOn, handedOverBy), person);
      return CardIssueQueries.list(c, code, null, id).get(0);
    }).onSuccess(issue -> Responses.created(ctx, null, issue)).onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    String code = ctx.pathParam("code");
    String kind = RequestParams.of(ctx).text("kind");
    database.withConnection(c -> {
      if (!CardAccess.holds(c, code, CardAccess.SEE, person)) {
        throw CardAccess.notFound(code);
      }
      JsonObject counts = CardIssueQueries.counts(c, code);
      return new JsonObject().put("items", CardIssueQueries.list(c, code, kind == null ? null : CardKind.of(kind),
              null))
          .put("work", counts.getJsonObject("work")).put("avoidance", counts.getJsonObject("avoidance"))
          .put("waiting", CardIssueQueries.waiting(c, code));
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void mine(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    database.withConnection(c -> {
      JsonArray items = new JsonArray();
      for (CardFacts.Held held : CardFacts.heldBy(c, person)) {
        Optional<CardFacts> facts = CardFacts.read(c, held.kind(), held.point(), person);
        if (facts.isPresent()) {
          items.add(json(c, held.kind(), facts.get(), person));
        }
      }
      return new JsonObject().put("items", items);
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** The facts of a card the caller may see: not found unless they may see the point's cards and the card exists. */
  private static CardFacts visibleFacts(Connection c, long person, CardRequest card) throws SQLException {
    if (!CardAccess.holds(c, card.point(), CardAccess.SEE, person)) {
      throw CardAccess.notFound(card.point());
    }
    return CardFacts.read(c, card.kind(), card.point(), card.holder())
        .orElseThrow(() -> ApiException.notFound(notHolder(card.kind(), card.point(), card.holder())));
  }

  /** The card as the app shows it, with the last time it was handed over and whether that copy still reads so. */
  private static JsonObject json(Connection c, CardKind kind, CardFacts facts, long holder) throws SQLException {
    Card card = CardTexts.of(kind, facts);
    return card.json().put("kind", kind.key()).put("point", facts.point().code())
        .put("point_name", facts.point().name())
        .put("person", new JsonObject().put("id", holder).put("name", facts.holder().name())
            .put("phone", facts.holder().phone()))
        .put("last_issue", CardIssueQueries.last(c, kind, facts.point().code(), holder, card.text()).orElse(null));
  }

  private static String notHolder(CardKind kind, String point, long person) {
    return kind == CardKind.WORK ? "person " + person + " is not a monitor of point " + point
        + ": a work card is a monitor's" : "person " + person + " is not a resident of point " + point
        + ": an avoidance card is a household's";
  }

  /** The card a path names: its point, kind and holder. */
  private record CardRequest(String point, CardKind kind, long holder) {
    static CardRequest of(RoutingContext ctx) {
      return new CardRequest(ctx.pathParam("code"), CardKind.of(ctx.pathParam("kind")),
          RequestParams.of(ctx).pathLong("personId"));
    }
  }
}
