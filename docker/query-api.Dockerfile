# syntax=docker/dockerfile:1
#
# The query API (io.alertscoring.api.QueryApiMain) on a JRE. Build from the repository root:
#
#   docker build -f docker/query-api.Dockerfile -t alert-scoring-api .
#   docker run -p 8000:8000 alert-scoring-api --port 8000 --clickhouse-url jdbc:clickhouse://HOST:8123/default
#
# Not built on this project's machines (no Docker engine there); docker/README.md says what is
# checked instead. Needs BuildKit (the default builder since Docker Engine 23) for the cache mount.

# ---- stage 1: the API jar and its runtime dependencies -----------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
# ./mvnw unpacks its pinned Maven (.mvn/wrapper, a .zip) with unzip, which this image may lack
RUN apt-get update \
 && apt-get install -y --no-install-recommends unzip \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /build
# the whole reactor: the root pom lists every module, so every module's pom must be there;
# docker/query-api.Dockerfile.dockerignore leaves out target/ directories and .git
COPY . .
# install (not package) so that copy-dependencies, run on query-api alone, finds the sibling
# modules (scoring-core, schemas) in the local repository
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw \
 && ./mvnw -B -DskipTests -pl query-api -am install \
 && ./mvnw -B -pl query-api dependency:copy-dependencies -DincludeScope=runtime \
 && mkdir -p /build/lib \
 && cp query-api/target/query-api-0.1.0-SNAPSHOT.jar query-api/target/dependency/*.jar /build/lib/

# ---- stage 2: JRE only -------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 alertscoring \
 && useradd --system --uid 10001 --gid alertscoring --home-dir /opt/alert-scoring \
      --shell /usr/sbin/nologin alertscoring
COPY --from=build --chown=root:root /build/lib/ /opt/alert-scoring/lib/
COPY --chmod=0755 docker/query-api-healthcheck.sh /opt/alert-scoring/bin/healthcheck
# the models of POST /score/alerts and GET /models (the job's image carries the same directory)
COPY --chown=root:root trained_models /opt/alert-scoring/trained_models
ENV MODELS_DIR=/opt/alert-scoring/trained_models
USER alertscoring
WORKDIR /opt/alert-scoring
# the heap follows the container's memory limit
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0"
EXPOSE 8000
# GET /health on port 8000 with bash's /dev/tcp (docker/query-api-healthcheck.sh): the JRE image
# is not guaranteed to have curl or wget. Healthy only on HTTP 200: /health answers 503 while
# ClickHouse is unreachable.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["/opt/alert-scoring/bin/healthcheck", "8000"]
ENTRYPOINT ["java", "-cp", "/opt/alert-scoring/lib/*", "io.alertscoring.api.QueryApiMain"]
# the ClickHouse URL: append --clickhouse-url URL, or set CLICKHOUSE_URL
CMD ["--port", "8000"]
