# The gateway as a container image: builds the production jar (no embedded servers, no simulator: those are the demo
# jar's), then runs it as a non-root user on a JRE.
#   docker build -t geohazard-gateway .        (docker compose up builds it as well)
# Configuration comes from environment variables (GEOHAZARD_DATABASE_URL, GEOHAZARD_MQTT_URL, ...; see
# app/src/main/resources/geohazard-defaults.yaml) or from a file: append `--config /etc/geohazard/gateway.yaml`.

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
# The parent pom and every module (add a new module here too). Copied one by one to keep local data/ out.
COPY pom.xml ./
COPY domain domain
COPY lifecycle lifecycle
COPY storage storage
COPY registry registry
COPY telemetry telemetry
COPY alerts alerts
COPY mobile-api mobile-api
COPY broker-extension broker-extension
COPY gateway gateway
COPY app app
COPY devstack devstack
COPY system-tests system-tests
# clean: a target/ copied from a developer's tree must not end up in the jar. Only the production jar and what it needs.
RUN mvn -q -B -DskipTests -pl app -am clean package

FROM eclipse-temurin:17.0.13_11-jre-jammy
# curl for the health check (installed explicitly: the base image does not promise it); a font with Chinese glyphs
# (and fontconfig) for the year-end report's PDF, Word document and charts.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl fontconfig fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 geohazard \
    && useradd --system --uid 10001 --gid geohazard --home-dir /app --shell /usr/sbin/nologin geohazard \
    && mkdir -p /app /etc/geohazard \
    && chown geohazard:geohazard /app
WORKDIR /app
COPY --from=build /src/app/target/geohazard-gateway.jar /app/geohazard-gateway.jar
USER 10001:10001
EXPOSE 8080
# /health answers 200 when the database and the broker are reachable, 503 otherwise. The start period covers the
# wait for the database (database.connect-timeout-s, 60 s) and the schema migrations of a first start.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=4 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/health || exit 1
# More JVM options: set JAVA_TOOL_OPTIONS. Arguments (e.g. --config FILE) are appended to this command.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/geohazard-gateway.jar"]
