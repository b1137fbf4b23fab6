import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/**
 * Bodies are validated strictly: no type coercion, no silently dropped
 * fields. Query strings and path parameters arrive as text, so they are
 * coerced to the schema's types. A body is JSON or it is refused.
 */
function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: false, removeAdditional: false, useDefaults: true, strict: false, ...options });
  addFormats.default(ajv);
  return ajv;
}

export function installValidators(app: FastifyInstance): void {
  // Bodies are JSON only: without Fastify's default text/plain parser, any other type is a 415.
  app.removeContentTypeParser('text/plain');
  const strict = makeAjv({ coerceTypes: false });
  const coercing = makeAjv({ coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const validate = (httpPart === 'body' ? strict : coercing).compile(schema);
    return (data: unknown) => (validate(data) ? { value: data } : { error: Object.assign(new Error('validation failed'), { validation: validate.errors }) });
  });
}
