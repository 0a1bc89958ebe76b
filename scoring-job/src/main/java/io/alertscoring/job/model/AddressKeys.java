package io.alertscoring.job.model;

/** Keys of the address join: a batch id and an address, which never contains a newline. */
public final class AddressKeys {
  private AddressKeys() {}

  public static String of(String batchId, String address) {
    return batchId + '\n' + address;
  }

  public static String batchIdOf(String key) {
    return key.substring(0, key.indexOf('\n'));
  }
}
