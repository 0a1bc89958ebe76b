package io.alertscoring.job.io;

import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.PublishedRun;
import java.io.Serializable;

/**
 * Makes a run visible: stores its COMPLETED metadata row, then its pointer. Called only once every
 * row of the run is stored; both writes are idempotent (same key, same version), so a retry after a
 * restore is harmless.
 */
public interface RunPublication extends Serializable {
  Publisher open() throws Exception;

  interface Publisher extends AutoCloseable {
    void publish(BatchMetadata completed, PublishedRun pointer) throws Exception;
  }
}
