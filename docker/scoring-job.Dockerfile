# syntax=docker/dockerfile:1
#
# The scoring job on Flink 2.0.2: one image for the JobManager, the TaskManagers and the
# `flink run` client (docker/compose.yaml starts all three from it). Build from the repository root:
#
#   docker build -f docker/scoring-job.Dockerfile -t alert-scoring-job .
#
# Not built on this project's machines (no Docker engine there); docker/README.md says what is
# checked instead. Needs BuildKit (the default builder since Docker Engine 23) for the cache mount.

# ---- stage 1: the shaded job jar ---------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
# ./mvnw unpacks its pinned Maven (.mvn/wrapper, a .zip) with unzip, which this image may lack
RUN apt-get update \
 && apt-get install -y --no-install-recommends unzip \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /build
# the whole reactor: the root pom lists every module, so every module's pom must be there;
# docker/scoring-job.Dockerfile.dockerignore leaves out target/ directories and .git
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw \
 && ./mvnw -B -DskipTests -pl scoring-job,metrics-reporter -am package \
 && cp scoring-job/target/scoring-job-0.1.0-SNAPSHOT-job.jar /build/alert-scoring-job.jar \
 && cp metrics-reporter/target/metrics-reporter-0.1.0-SNAPSHOT.jar /build/metrics-reporter.jar

# ---- stage 2: the official Flink image -----------------------------------------------------------
FROM flink:2.0.2-java17
# The image's entrypoint (/docker-entrypoint.sh) starts as root, writes FLINK_PROPERTIES into
# conf/config.yaml and drops to the `flink` user (uid 9999) with gosu; everything the job reads or
# writes is owned by that user.
COPY --from=build --chown=flink:flink /build/alert-scoring-job.jar /opt/flink/usrlib/alert-scoring-job.jar
# the Prometheus text reporter (FLINK_PROPERTIES metrics.reporter.prom.*): GET :9249/metrics
COPY --from=build --chown=flink:flink /build/metrics-reporter.jar /opt/flink/lib/metrics-reporter.jar
COPY --chown=flink:flink trained_models /opt/alert-scoring/trained_models
# Mount point of the checkpoint/savepoint volume (compose.yaml: flink-data). A new named volume
# takes the owner of the directory it is mounted on, so the flink user can write to it.
RUN mkdir -p /flink-data/checkpoints /flink-data/savepoints \
 && chown -R flink:flink /flink-data
