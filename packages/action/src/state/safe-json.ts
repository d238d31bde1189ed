const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export class UnsafeJsonError extends Error {
  override readonly name = 'UnsafeJsonError';
}

/** JSON.parse that refuses keys which could pollute prototypes when the value is merged later. */
export function parseJsonSafely(text: string): unknown {
  return JSON.parse(text, function reviver(key, value: unknown) {
    if (FORBIDDEN_KEYS.has(key)) throw new UnsafeJsonError(`forbidden key "${key}"`);
    return value;
  });
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) {
      sorted[key] = (inner as Record<string, unknown>)[key];
    }
    return sorted;
  });
}
