package org.geohazard.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import org.geohazard.alerts.AlertActions;
import org.geohazard.alerts.cap.CapWriter;
import org.geohazard.api.alerts.AlertHandlers;
import org.geohazard.api.annual.AnnualReportHandlers;
import org.geohazard.api.auth.AuthHandlers;
import org.geohazard.api.auth.AuthenticateFirst;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.campaigns.CampaignHandlers;
import org.geohazard.api.campaigns.ProposalHandlers;
import org.geohazard.api.cards.CardHandlers;
import org.geohazard.api.cards.PlanHandlers;
import org.geohazard.api.duty.DutyHandlers;
import org.geohazard.api.events.EventHandlers;
import org.geohazard.api.exports.ExportHandlers;
import org.geohazard.api.houses.HouseHandlers;
import org.geohazard.api.live.LiveStream;
import org.geohazard.api.monitors.MonitorHandlers;
import org.geohazard.api.monitors.PhotoUploads;
import org.geohazard.api.outreach.OutreachHandlers;
import org.geohazard.api.points.PointHandlers;
import org.geohazard.api.problem.ApiException;
import org.geohazard.api.problem.ProblemHandler;
import org.geohazard.api.residents.ResidentHandlers;
import org.geohazard.api.treatment.TreatmentHandlers;
import org.geohazard.storage.Database;

/**
 * The API for the apps, built from its OpenAPI 3.1 contract ({@code /openapi.yaml}): the contract validates every
 * request, every operation but sign-in and refresh requires a valid access token (checked before the body is read
 * and the request validated), body limits apply (one for JSON, one for photos, a small one for sign-in and refresh),
 * and every failure is answered as problem+json.
 */
public final class ApiRouter {
  public static final String CONTRACT = "openapi.yaml";

  private ApiRouter() {
  }

  public static Future<Router> create(Vertx vertx, Database database, AlertActions actions, CapWriter cap,
      ApiConfig config) {
    Tokens tokens = new Tokens(vertx, config.jwtSecret(), config.accessTtl());
    ProblemHandler problems = new ProblemHandler();
    return vertx.fileSystem().readFile(CONTRACT)
        .compose(text -> OpenAPIContract.from(vertx, ContractForRouter.from(text.toString())))
        .map(contract -> {
      RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
      // photo uploads are raw image bytes under a limit of their own; every other body is JSON under the smaller one
      BodyHandler json = BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes());
      BodyHandler photos = BodyHandler.create(false).setBodyLimit(config.photoLimitBytes());
      // sign-in and refresh, read before anybody is known, get a small limit of their own
      BodyHandler open = BodyHandler.create(false)
          .setBodyLimit(Math.min(config.bodyLimitBytes(), AuthenticateFirst.OPEN_BODY_LIMIT));
      JWTAuthHandler bearer = JWTAuthHandler.create(tokens.provider());
      AuthenticateFirst authenticateFirst = AuthenticateFirst.of(contract, bearer);
      builder.rootHandler(QueryValues::decodeOnce);
      builder.rootHandler(authenticateFirst);  // the token before the body is read
      builder.rootHandler(ctx -> (PhotoUploads.matches(ctx.request()) ? photos
          : authenticateFirst.isOpen(ctx.request()) ? open : json).handle(ctx));
      builder.security("bearer").httpHandler(bearer);
      new AuthHandlers(database, tokens, config).mount(builder);
      new AlertHandlers(database, actions).mount(builder);
      new PointHandlers(database).mount(builder);
      new ResidentHandlers(database, actions.helpRequests()).mount(builder);
      new LiveStream(vertx, database, config.maxStreams()).mount(builder);
      new MonitorHandlers(database, actions).mount(builder);
      new HouseHandlers(database).mount(builder);
      new OutreachHandlers(database).mount(builder);
      new TreatmentHandlers(database).mount(builder);
      new CampaignHandlers(database).mount(builder);
      new AnnualReportHandlers(database, config.reportFont()).mount(builder);
      new ProposalHandlers(database).mount(builder);
      new EventHandlers(database).mount(builder);
      new CardHandlers(database).mount(builder);
      new PlanHandlers(database).mount(builder);
      new ExportHandlers(database).mount(builder);
      new DutyHandlers(database, actions, cap).mount(builder);
      new org.geohazard.api.admin.AdminHandlers(database).mount(builder);
      new org.geohazard.api.points.RegistryHandlers(database).mount(builder);

      for (OpenAPIRoute route : builder.getRoutes()) {
        route.addFailureHandler(problems);
      }
      Router router = builder.createRouter();
      router.get("/openapi.yaml").handler(ctx -> ctx.response()
          .putHeader("Content-Type", "application/yaml; charset=utf-8").sendFile(CONTRACT));
      router.route().last().handler(ctx -> ctx.fail(ApiException.notFound("no such resource")))
          .failureHandler(problems);
      return router;
    });
  }
}
