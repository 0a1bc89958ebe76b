# Untested here (no Docker on these machines); see docker/README.md.
FROM flink:2.0.2-java17
COPY scoring-job/target/scoring-job-0.1.0-SNAPSHOT-job.jar /opt/flink/usrlib/alert-scoring-job.jar
COPY trained_models /opt/alert-scoring/trained_models
