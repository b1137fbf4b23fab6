import type { FieldError } from './errors.js';

/** What a compiled TypeBox schema reports of one error (the fields read here). */
export interface SchemaError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly message: string;
  readonly params: unknown;
}

export interface ProblemWording {
  /** Said of a field the schema does not know, e.g. "is not a field of a person record". */
  readonly unknownField: string;
  /** Words for a pattern the caller knows (a date, a country code), given the value: checked first. */
  readonly pattern?: (pattern: string, value: unknown) => string | undefined;
}

function valueAt(value: unknown, pointer: string): unknown {
  let v = value;
  for (const key of pointer.split('/').slice(1)) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/**
 * A schema's complaints about a body in words a person preparing a file
 * understands (bulk imports report them by line): a missing field, an unknown
 * one, a value not among those allowed; the same complaint once.
 */
export function schemaProblems(errors: Iterable<SchemaError>, body: unknown, wording: ProblemWording): FieldError[] {
  const problems: FieldError[] = [];
  for (const e of errors) {
    const params = e.params as Record<string, unknown>;
    const shown = (): string => JSON.stringify(valueAt(body, e.instancePath));
    if (e.keyword === 'required') {
      for (const p of params.requiredProperties as string[]) problems.push({ pointer: `${e.instancePath}/${p}`, message: 'is required' });
    } else if (e.keyword === 'additionalProperties') {
      for (const p of params.additionalProperties as string[]) problems.push({ pointer: `${e.instancePath}/${p}`, message: wording.unknownField });
    } else if (e.keyword === 'boolean') {
      // "schema is false": the same unknown field again.
    } else if (e.keyword === 'enum') {
      problems.push({ pointer: e.instancePath, message: `${shown()} is not one of ${(params.allowedValues as string[]).join(', ')}` });
    } else {
      const worded = e.keyword === 'pattern' ? wording.pattern?.(params.pattern as string, valueAt(body, e.instancePath)) : undefined;
      problems.push({ pointer: e.instancePath, message: worded ?? e.message });
    }
  }
  const unique = new Map(problems.map((p) => [`${p.pointer} ${p.message}`, p]));
  return [...unique.values()];
}
