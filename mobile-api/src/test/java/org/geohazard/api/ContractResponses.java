package org.geohazard.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Response;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableResponse;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every response the API tests receive, checked against {@code openapi.yaml}: its status is one the operation
 * declares, its headers and body what the contract says. A response the contract does not describe fails the test
 * that got it, so the contract the apps are built against cannot drift from what the server sends. A body the
 * validator cannot read (CSV beside JSON) is checked for its declared media type and required headers.
 */
public final class ContractResponses {
  private static final String PROBLEM = "application/problem+json";
  private final OpenAPIContract contract;
  private final ResponseValidator validator;
  private final JsonObject written;

  private ContractResponses(OpenAPIContract contract, ResponseValidator validator, JsonObject written) {
    this.contract = contract;
    this.validator = validator;
    this.written = written;
  }

  @SuppressWarnings("unchecked")
  public static ContractResponses load(Vertx vertx) {
    String yaml = vertx.fileSystem().readFileBlocking(ApiRouter.CONTRACT).toString();
    // the router's view: problem+json shown as JSON, which the validator knows (and so are the answers, below)
    OpenAPIContract contract = OpenAPIContract.from(vertx, ContractForRouter.from(yaml)).await();
    JsonObject written = new JsonObject((Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(yaml));
    return new ContractResponses(contract, ResponseValidator.create(vertx, contract), written);
  }

  /** Fails with what differs when the response is not one the contract gives for the request's operation. */
  public void check(String method, String path, HttpResponse<String> response) {
    Operation operation = contract.findOperation(path, HttpMethod.valueOf(method));
    if (operation == null) {
      return; // not an operation of the contract (/openapi.yaml, a path that does not exist)
    }
    Map<String, String> headers = new HashMap<>();
    response.headers().map().forEach((name, values) -> headers.put(name, String.join(",", values)));
    String type = response.headers().firstValue("Content-Type").map(t -> t.startsWith(PROBLEM)
        ? "application/json" + t.substring(PROBLEM.length()) : t).orElse(null);
    if (type != null && !response.body().isEmpty() && unreadableBeside(operation, response.statusCode(), type)) {
      checkDeclared(operation, method, path, response, type);
      return;
    }
    ValidatableResponse answer = response.body().isEmpty() || type == null
        ? ValidatableResponse.create(response.statusCode(), headers)
        : ValidatableResponse.create(response.statusCode(), headers, Buffer.buffer(response.body()), type);
    try {
      validator.validate(answer, operation.getOperationId()).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ", which "
          + operation.getOperationId() + " in openapi.yaml does not describe: " + e.getCause().getMessage()
          + details(e.getCause()) + "\n" + response.body(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError("could not check " + method + " " + path + " against openapi.yaml", e);
    }
  }

  /**
   * Whether the response is of a media type the validator cannot read (as text/csv) while the operation also answers
   * in one it can (application/json): the router's view keeps only the latter.
   */
  private static boolean unreadableBeside(Operation operation, int status, String type) {
    Response described = operation.getResponse(status);
    return described != null && !described.getContent().isEmpty() && !described.getContent().containsKey(type)
        && !MediaType.isMediaTypeSupported(type);
  }

  /** The contract as written declares the status, the media type and the required headers of such a response. */
  private void checkDeclared(Operation operation, String method, String path, HttpResponse<String> response,
      String type) {
    JsonObject described = written.getJsonObject("paths").getJsonObject(operation.getOpenAPIPath())
        .getJsonObject(method.toLowerCase(java.util.Locale.ROOT)).getJsonObject("responses")
        .getJsonObject(String.valueOf(response.statusCode()));
    String mediaType = type.split(";")[0].trim();
    if (!described.getJsonObject("content", new JsonObject()).containsKey(mediaType)) {
      throw new AssertionError(method + " " + path + " answered " + response.statusCode() + " as " + type
          + ", which " + operation.getOperationId() + " in openapi.yaml does not declare");
    }
    described.getJsonObject("headers", new JsonObject()).forEach(header -> {
      if (((JsonObject) header.getValue()).getBoolean("required", false)
          && response.headers().firstValue(header.getKey()).isEmpty()) {
        throw new AssertionError(method + " " + path + " answered without the header " + header.getKey()
            + ", which " + operation.getOperationId() + " in openapi.yaml requires");
      }
    });
  }

  private static String details(Throwable failure) {
    if (failure instanceof SchemaValidationException schema) {
      return " (" + schema.getOutputUnit().getErrors() + ")";
    }
    return "";
  }
}
