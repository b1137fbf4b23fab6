import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';

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

type Validate = (data: unknown) => { value: unknown } | { error: Error };

function validatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = makeAjv({ coerceTypes: false });
  const coercing = makeAjv({ coerceTypes: 'array' });
  return ({ schema, httpPart }): Validate => {
    const validate = (httpPart === 'body' ? strict : coercing).compile(schema as object);
    return (data) => (validate(data) ? { value: data } : { error: Object.assign(new Error('validation failed'), { validation: validate.errors }) });
  };
}

export function installValidators(app: FastifyInstance): void {
  // Bodies are JSON only: without Fastify's default text/plain parser, any other type is a 415.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler());
}

/**
 * The same validation for a route whose body parser already checked some
 * bodies against the schema while reading them (`checked`); every other body
 * is validated as usual.
 */
export function validatorCompilerTrusting(checked: WeakSet<object>): FastifySchemaCompiler<unknown> {
  const compile = validatorCompiler();
  return (route) => {
    const validate = compile(route) as Validate;
    return (data: unknown) => (typeof data === 'object' && data !== null && checked.has(data) ? { value: data } : validate(data));
  };
}
