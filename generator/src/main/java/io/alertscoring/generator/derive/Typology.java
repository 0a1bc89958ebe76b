package io.alertscoring.generator.derive;

import java.util.Locale;

/**
 * Laundering typologies: what the economy injects and what the rule analyzers look for. {@link
 * #SUDDEN_ACTIVITY} is a rule only (new or reactivated accounts moving large sums), not an injected
 * pattern.
 */
public enum Typology {
  FAN_IN,
  FAN_OUT,
  CYCLE,
  PEEL_CHAIN,
  LAYERING,
  SCATTER_GATHER,
  STRUCTURING,
  MIXER_HOP,
  SUDDEN_ACTIVITY;

  /** Typologies the economy injects as laundering instances. */
  public static final Typology[] INJECTED = {
    FAN_IN, FAN_OUT, CYCLE, PEEL_CHAIN, LAYERING, SCATTER_GATHER, STRUCTURING, MIXER_HOP
  };

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The analyzer rule id that raises this typology. */
  public String ruleId() {
    return wireName() + "-rule-v1";
  }
}
