package io.alertscoring.generator.economy;

import io.alertscoring.generator.derive.Typology;

/**
 * Multi-day episodes the economy plants in a shard: laundering instances of each injected typology
 * and benign look-alikes (new wallets onboarding, airdrop farming, donation drives, corporate
 * treasury rotation, exchange migration) that trip the same rules without being illicit.
 */
public enum EpisodeType {
  FAN_IN(Typology.FAN_IN),
  FAN_OUT(Typology.FAN_OUT),
  CYCLE(Typology.CYCLE),
  PEEL_CHAIN(Typology.PEEL_CHAIN),
  LAYERING(Typology.LAYERING),
  SCATTER_GATHER(Typology.SCATTER_GATHER),
  STRUCTURING(Typology.STRUCTURING),
  MIXER_HOP(Typology.MIXER_HOP),
  ONBOARDING(null),
  AIRDROP_FARM(null),
  DONATION(null),
  TREASURY_ROTATION(null),
  EXCHANGE_MIGRATION(null);

  static final EpisodeType[] ILLICIT = {
    FAN_IN, FAN_OUT, CYCLE, PEEL_CHAIN, LAYERING, SCATTER_GATHER, STRUCTURING, MIXER_HOP
  };
  static final double[] ILLICIT_WEIGHTS = {0.15, 0.14, 0.12, 0.14, 0.11, 0.12, 0.12, 0.10};
  static final EpisodeType[] BENIGN = {
    ONBOARDING, AIRDROP_FARM, DONATION, TREASURY_ROTATION, EXCHANGE_MIGRATION
  };
  static final double[] BENIGN_WEIGHTS = {0.34, 0.18, 0.18, 0.12, 0.18};

  private final Typology typology;

  EpisodeType(Typology typology) {
    this.typology = typology;
  }

  /** The laundering typology, or null for a benign episode. */
  public Typology typology() {
    return typology;
  }

  public boolean illicit() {
    return typology != null;
  }

  public String benignLabel() {
    return switch (this) {
      case ONBOARDING -> "new_exchange_user";
      case AIRDROP_FARM -> "airdrop_farmer";
      case DONATION -> "donation_campaign";
      case TREASURY_ROTATION -> "corporate_treasury";
      case EXCHANGE_MIGRATION -> "exchange_user";
      default -> "wallet";
    };
  }
}
