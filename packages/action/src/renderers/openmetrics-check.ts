// A strict reader of the OpenMetrics text subset renderOpenMetrics writes (gauges, counters and histograms), used by
// the tests to prove the format: it returns every rule the text breaks, an empty list when it is valid.

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const VALUE = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?Inf|NaN)$/;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)$/;

export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

interface Family {
  name: string;
  type: string;
  help: boolean;
  unit: string | null;
  samples: ParsedSample[];
}

function parseLabels(text: string, errors: string[], line: number): Record<string, string> {
  const result: Record<string, string> = {};
  let rest = text.slice(1, -1);
  while (rest.length > 0) {
    const match = /^([^=]+)="((?:[^"\\\n]|\\[\\"n])*)"(,?)/.exec(rest);
    if (match === null) {
      errors.push(`line ${line}: malformed labels ${text}`);
      return result;
    }
    const [whole, name = '', raw = '', comma] = match;
    if (!LABEL_NAME.test(name)) errors.push(`line ${line}: bad label name ${name}`);
    if (name in result) errors.push(`line ${line}: duplicate label ${name}`);
    result[name] = raw.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    rest = rest.slice(whole.length);
    if (comma === '' && rest.length > 0) errors.push(`line ${line}: missing comma in ${text}`);
    if (comma === ',' && rest.length === 0) errors.push(`line ${line}: trailing comma in ${text}`);
  }
  return result;
}

const SUFFIXES: Record<string, string[]> = {
  counter: ['_total', '_created'],
  histogram: ['_bucket', '_count', '_sum', '_created'],
  gauge: [''],
};

function checkHistogram(family: Family, errors: string[]): void {
  const groups = new Map<string, ParsedSample[]>();
  for (const sample of family.samples) {
    const { le: _le, ...rest } = sample.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    groups.set(key, [...(groups.get(key) ?? []), sample]);
  }
  for (const [key, samples] of groups) {
    const buckets = samples.filter((s) => s.name === `${family.name}_bucket`);
    const count = samples.find((s) => s.name === `${family.name}_count`);
    let previousBound = Number.NEGATIVE_INFINITY;
    let previousValue = 0;
    for (const bucket of buckets) {
      const le = bucket.labels.le;
      const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
      if (le === undefined || Number.isNaN(bound))
        errors.push(`${family.name}${key}: bucket without le`);
      if (bound <= previousBound) errors.push(`${family.name}${key}: le not increasing at ${le}`);
      if (bucket.value < previousValue) errors.push(`${family.name}${key}: buckets not cumulative`);
      previousBound = bound;
      previousValue = bucket.value;
    }
    if (previousBound !== Number.POSITIVE_INFINITY)
      errors.push(`${family.name}${key}: no +Inf bucket`);
    if (count === undefined || count.value !== previousValue) {
      errors.push(`${family.name}${key}: _count differs from the +Inf bucket`);
    }
  }
}

/** Every problem found in `text`; `[]` means valid. */
export function checkOpenMetrics(text: string): { errors: string[]; samples: ParsedSample[] } {
  const errors: string[] = [];
  const samples: ParsedSample[] = [];
  if (!text.endsWith('# EOF\n')) errors.push('the text must end with "# EOF" and a newline');
  const lines = text.split('\n').slice(0, -1);
  const families = new Map<string, Family>();
  let current: Family | undefined;
  const seen = new Set<string>();
  lines.forEach((line, index) => {
    const number = index + 1;
    if (line === '# EOF') {
      if (number !== lines.length) errors.push(`line ${number}: "# EOF" before the end`);
      return;
    }
    if (line.startsWith('#')) {
      const match = /^# (TYPE|HELP|UNIT) (\S+) (.*)$/.exec(line);
      if (match === null) {
        errors.push(`line ${number}: unknown comment ${line}`);
        return;
      }
      const [, keyword, name = '', rest = ''] = match;
      if (!NAME.test(name)) errors.push(`line ${number}: bad metric name ${name}`);
      if (keyword === 'TYPE') {
        if (families.has(name)) errors.push(`line ${number}: family ${name} declared twice`);
        if (!(rest in SUFFIXES)) errors.push(`line ${number}: unsupported type ${rest}`);
        current = { name, type: rest, help: false, unit: null, samples: [] };
        families.set(name, current);
      } else if (current?.name !== name || current.samples.length > 0) {
        errors.push(`line ${number}: ${keyword} for ${name} outside its family's metadata`);
      } else if (keyword === 'HELP') {
        current.help = true;
      } else {
        current.unit = rest;
        if (!name.endsWith(`_${rest}`))
          errors.push(`line ${number}: ${name} does not end in _${rest}`);
      }
      return;
    }
    const match = SAMPLE.exec(line);
    if (match === null) {
      errors.push(`line ${number}: not a sample: ${line}`);
      return;
    }
    const [, name = '', labelText, valueText = ''] = match;
    if (
      current === undefined ||
      !(SUFFIXES[current.type] ?? []).some((s) => name === current?.name + s)
    ) {
      errors.push(`line ${number}: sample ${name} outside its family`);
      return;
    }
    if (!VALUE.test(valueText)) errors.push(`line ${number}: bad value ${valueText}`);
    const parsed = {
      name,
      labels: labelText === undefined ? {} : parseLabels(labelText, errors, number),
      value: Number(valueText.replace('Inf', 'Infinity')),
    };
    const identity = `${name}${JSON.stringify(Object.entries(parsed.labels).sort())}`;
    if (seen.has(identity)) errors.push(`line ${number}: duplicate sample ${identity}`);
    seen.add(identity);
    current.samples.push(parsed);
    samples.push(parsed);
  });
  for (const family of families.values()) {
    if (!family.help) errors.push(`${family.name}: no HELP`);
    if (family.type === 'histogram') checkHistogram(family, errors);
  }
  return { errors, samples };
}
