export type JsonObject = Record<string, unknown>;

/**
 * Merges a subgraph's answer into the response tree: objects key by key, lists item by item (two
 * fetches of one list answer for the same items in the same order). A subgraph cannot reach the
 * prototype chain through a `__proto__` key in its JSON.
 */
export function deepMerge(target: JsonObject, source: JsonObject): void {
  for (const key in source) {
    if (key === '__proto__') continue;
    const value = source[key];
    const existing = target[key];
    if (existing !== null && typeof existing === 'object' && value !== null && typeof value === 'object') {
      if (Array.isArray(existing)) {
        if (Array.isArray(value) && value.length === existing.length) mergeLists(existing, value);
        else target[key] = value;
      } else if (!Array.isArray(value)) {
        deepMerge(existing as JsonObject, value as JsonObject);
      } else {
        target[key] = value;
      }
    } else if (value !== undefined) {
      target[key] = value;
    }
  }
}

function mergeLists(target: unknown[], source: unknown[]): void {
  for (let i = 0; i < source.length; i++) {
    const existing = target[i];
    const value = source[i];
    if (existing !== null && typeof existing === 'object' && value !== null && typeof value === 'object') {
      if (Array.isArray(existing) && Array.isArray(value) && existing.length === value.length) {
        mergeLists(existing, value);
      } else if (!Array.isArray(existing) && !Array.isArray(value)) {
        deepMerge(existing as JsonObject, value as JsonObject);
      } else target[i] = value;
    } else if (value !== undefined) target[i] = value;
  }
}
