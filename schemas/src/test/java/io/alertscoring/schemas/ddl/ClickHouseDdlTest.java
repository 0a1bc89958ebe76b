package io.alertscoring.schemas.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.schemas.input.FeatureColumns;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The DDL must run on ClickHouse 18.16 and on modern ClickHouse (the ITCases run it on 18.16); this
 * guards against constructs that only modern versions accept.
 */
class ClickHouseDdlTest {
  static final Pattern ORDER_BY = Pattern.compile("ORDER BY \\(([^)]*)\\)");

  @Test
  void usesNoConstructThatClickHouse1816Lacks() {
    for (String ddl : ClickHouseDdl.all()) {
      assertThat(ddl)
          .doesNotContain("LowCardinality", "DateTime64", "Map(", " Bool", "TTL", "CODEC", ";")
          .doesNotContainPattern("(?i)ADD COLUMN IF NOT EXISTS")
          .containsPattern("^CREATE (TABLE|MATERIALIZED VIEW) IF NOT EXISTS ");
    }
  }

  @Test
  void orderByKeysAreNeverNullableAndEveryOutputTableIsVersioned() {
    for (String ddl : ClickHouseDdl.all()) {
      if (ddl.startsWith("CREATE MATERIALIZED VIEW")) {
        continue; // stores into alert_score_index, checked as a table
      }
      Matcher orderBy = ORDER_BY.matcher(ddl);
      assertThat(orderBy.find()).as(ddl).isTrue();
      for (String column : orderBy.group(1).split(",")) {
        assertThat(ddl).doesNotContain(" " + column.trim() + " Nullable(");
      }
      if (!ddl.contains(Tables.ALERT_SCORE_INDEX.name() + " (")) {
        assertThat(ddl).containsPattern("ReplacingMergeTree\\(_?version\\)");
      }
    }
  }

  @Test
  void featureMirrorHasEverySotFeatureColumnAsNullable() {
    String features =
        ClickHouseDdl.sotTables().stream()
            .filter(s -> s.contains("analyzers_features"))
            .findFirst()
            .orElseThrow();
    for (String column : FeatureColumns.NUMERIC) {
      assertThat(features).contains(" " + column + " Nullable(Float64)");
    }
  }
}
