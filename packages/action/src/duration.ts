const UNIT_MS = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
} as const;

type Unit = keyof typeof UNIT_MS;

const DURATION = /^(\d+(?:\.\d+)?)\s*([smhdw])$/;

/**
 * A positive duration such as `90d`, `12h`, `10m`, `30s` or `2w`, in milliseconds;
 * `undefined` when the text is not one (zero and negative durations are refused too).
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2] as Unit;
  const ms = Math.round(amount * UNIT_MS[unit]);
  return ms > 0 && Number.isFinite(ms) ? ms : undefined;
}

/** `3600000` -> `1h`, the shortest exact form, for messages and defaults. */
export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms / 1000}s`;
}
