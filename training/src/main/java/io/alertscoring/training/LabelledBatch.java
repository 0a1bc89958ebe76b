package io.alertscoring.training;

import io.alertscoring.core.features.AssembledBatch;
import io.alertscoring.schemas.input.AddressLabel;
import java.time.LocalDate;
import java.util.Map;

/**
 * A batch with the labels known for its addresses, each with the date it arrived. Labels never
 * enter the feature vectors: they only decide the target of an example.
 *
 * @param labels label per address
 * @param labelArrival date each address's label became known (T + tau)
 */
public record LabelledBatch(
    AssembledBatch batch, Map<String, AddressLabel> labels, Map<String, LocalDate> labelArrival) {

  public LocalDate date() {
    return LocalDate.parse(batch.key().processingDate());
  }

  /** The label of an address if it had arrived by {@code asOf}, else {@code null}. */
  public AddressLabel labelKnownBy(String address, LocalDate asOf) {
    AddressLabel label = labels.get(address);
    LocalDate arrived = labelArrival.get(address);
    if (label == null || arrived == null || arrived.isAfter(asOf)) {
      return null;
    }
    return label;
  }
}
