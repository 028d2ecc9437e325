/** Pure: a map that keeps at most `max` entries, dropping the least recently used one first. */
export type LruCache<K, V> = { get: (key: K) => V | undefined; set: (key: K, value: V) => void; size: () => number };

export function createLruCache<K, V>(opts: { max: number }): LruCache<K, V> {
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recently used first.
  const entries = new Map<K, V>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value === undefined) return undefined;
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > opts.max) entries.delete(entries.keys().next().value as K);
    },
    size: () => entries.size,
  };
}
