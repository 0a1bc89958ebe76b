package io.alertscoring.generator.source;

import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.SotRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Collects what a source delivers, by kind, plus bad rows. */
final class CollectingVisitor implements RecordVisitor {
  final Map<RecordKind, List<SotRecord>> records = new EnumMap<>(RecordKind.class);
  final List<String> bad = new ArrayList<>();

  @Override
  public void record(SotRecord record) {
    records.computeIfAbsent(record.kind(), k -> new ArrayList<>()).add(record);
  }

  @Override
  public void bad(String origin, String reason) {
    bad.add(origin + ": " + reason);
  }

  List<SotRecord> of(RecordKind kind) {
    return records.getOrDefault(kind, List.of());
  }
}
