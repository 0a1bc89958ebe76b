# Untested here (no Docker on these machines); see docker/README.md.
FROM eclipse-temurin:17-jre
COPY query-api/target/query-api-0.1.0-SNAPSHOT.jar /opt/alert-scoring/lib/
COPY query-api/target/dependency/ /opt/alert-scoring/lib/
EXPOSE 8000
ENTRYPOINT ["java", "-cp", "/opt/alert-scoring/lib/*", "io.alertscoring.api.QueryApiMain"]
CMD ["--port", "8000"]
