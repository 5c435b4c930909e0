/**
 * TC3's signing key depends only on the secret key, the UTC date and the service (docs/contract.md#sig-3), so it
 * is derived once a day per key pair and service, by signers and verifiers alike. Bounded: the
 * service may come from a caller's header.
 */
export type DeriveDayKey<T> = (secretKey: string, date: string, service: string) => T;

export function createDayKeyCache<T>(derive: DeriveDayKey<T>, maxEntries = 256): DeriveDayKey<T> {
  let day = '';
  let keys = new Map<string, T>();
  return (secretKey, date, service) => {
    if (date !== day) {
      day = date;
      keys = new Map(); // yesterday's keys go with the date
    }
    const cacheKey = `${service}\u0000${secretKey}`;
    let key = keys.get(cacheKey);
    if (key === undefined) {
      if (keys.size >= maxEntries) keys.clear();
      key = derive(secretKey, date, service);
      keys.set(cacheKey, key);
    }
    return key;
  };
}
