import { Type } from 'typebox';
import { DATABASES } from '../access/permissions.js';
import { statsPolicy } from '../access/policies.js';
import { AppError } from '../core/errors.js';
import type { HubContext } from '../hub/context.js';
import { principalOf } from '../hub/http/authenticate.js';
import { problemResponses, type HubApp } from '../hub/http/app-type.js';
import { statsStore } from './store.js';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (UTC)' });
const MAX_DAYS = 366;

/** Midnight UTC of a YYYY-MM-DD day; NaN for one the calendar lacks (2025-02-30, which Date.parse rolls over). */
function dayStart(day: string): number {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day ? NaN : ms;
}

export function statsRoutes(app: HubApp, ctx: HubContext): void {
  app.get('/api/v1/stats', {
    schema: {
      tags: ['statistics'],
      summary: 'Searches and hits per database, country and day (counters, cheap at any scale)',
      querystring: Type.Object({
        database: Type.Optional(Type.Enum(DATABASES)),
        country: Type.Optional(Type.String({ maxLength: 60 })),
        from: Type.Optional(Day),
        to: Type.Optional(Day),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          from: Day, to: Day,
          totals: Type.Object({ searches: Type.Integer(), hits: Type.Integer() }),
          items: Type.Array(Type.Object({ database: Type.String(), country: Type.String(), day: Day, searches: Type.Integer(), hits: Type.Integer() })),
        }),
        ...problemResponses,
      },
    },
  }, async (request) => {
    const p = principalOf(request);
    const country = statsPolicy.read(p, request.query.country);
    for (const name of ['from', 'to'] as const) {
      const day = request.query[name];
      if (day !== undefined && Number.isNaN(dayStart(day))) throw new AppError('request.validation_failed', `${name}: there is no day ${day}`, { errors: [{ pointer: `/querystring/${name}`, message: 'no such day' }] });
    }
    const today = ctx.clock.now().toISOString().slice(0, 10);
    const to = request.query.to ?? today;
    const from = request.query.from ?? new Date(dayStart(to) - 29 * 86_400_000).toISOString().slice(0, 10);
    const span = (dayStart(to) - dayStart(from)) / 86_400_000;
    if (!(span >= 0 && span < MAX_DAYS)) throw new AppError('request.validation_failed', `from must not be after to, and the range at most ${MAX_DAYS} days`, { errors: [{ pointer: '/querystring/from', message: 'out of range' }] });
    const items = await statsStore.query(ctx.database.db, { database: request.query.database, country, from, to });
    const totals = items.reduce((t, r) => ({ searches: t.searches + r.searches, hits: t.hits + r.hits }), { searches: 0, hits: 0 });
    return { from, to, totals, items };
  });
}
