// Management questions: the named catalogue for managers (and admins), free SQL for admins only (read-only engine,
// timeout, row limit, audited). Answers are JSON, or CSV (spreadsheet-safe) when asked with Accept: text/csv.
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { accountTarget } from '../audit/facts.ts';
import { requireRole } from '../auth/middleware.ts';
import type { QueryRun, QuestionList } from '../contract/queries.ts';
import { toCsv } from '../csv/write.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import type { QueryResult, RunState } from '../lake/query-engine.ts';
import { findQuestion, paramsSchema, QUESTIONS } from '../lake/questions.ts';
import { recordAudit } from '../store/audit.ts';
import { issuesToDetails, validate } from '../validation.ts';

export const QUESTION_LIMITS = { maxRows: 5_000, timeoutMs: 20_000 };
export const FREE_QUERY_LIMITS = { maxRows: 1_000, timeoutMs: 10_000 };

export const runBody = z.object({ params: z.record(z.string(), z.unknown()).default({}) }).strict();
export const freeBody = z.object({ sql: z.string().trim().min(1).max(10_000) }).strict();
const runIdParam = z.object({ runId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'is not a run id') });

function answer(c: Context<AppEnv>, state: RunState, extra: Partial<QueryRun> = {}) {
  if (state.status === 'failed')
    throw new ApiError(422, 'QUERY_FAILED', `the question could not be answered: ${state.message}`);
  if (state.status === 'running') return c.json({ status: 'running', runId: state.runId, ...extra }, 202);
  if ((c.req.header('accept') ?? '').includes('text/csv')) {
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${extra.question ?? 'query'}.csv"`);
    return c.body(csvOf(state.result));
  }
  return c.json(
    { status: 'done', ...(state.runId ? { runId: state.runId } : {}), ...extra, ...state.result },
    200,
  );
}

export const csvOf = (result: QueryResult) => toCsv([result.columns, ...result.rows]);

export const queryRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    .get('/', requireRole(deps, 'manager', 'admin'), async (c) => {
      const engine = await deps.lake();
      const body: QuestionList = {
        engine: engine.dialect.name,
        questions: QUESTIONS.map(({ sql: _sql, ...question }) => question),
      };
      return c.json(body);
    })
    .post('/free', requireRole(deps, 'admin'), validate('json', freeBody), async (c) => {
      const { sql } = c.req.valid('json');
      const claims = c.get('claims');
      const engine = await deps.lake();
      let state: RunState;
      try {
        state = await engine.start(sql, FREE_QUERY_LIMITS);
      } catch (error) {
        if (error instanceof Error && error.name === 'QueryRefused')
          throw badRequest('the query is refused', [{ path: 'sql', message: error.message }]);
        throw error;
      }
      await recordAudit(deps.db, {
        id: deps.newId(),
        at: new Date(deps.db.now()).toISOString(),
        actor: claims.sub,
        actorRole: claims.role,
        action: 'query.free',
        target: accountTarget(claims.sub),
        region: deps.db.region,
        details: { sql: sql.slice(0, 500), status: state.status },
      });
      return answer(c, state, { question: 'free' });
    })
    .get('/runs/:runId', requireRole(deps, 'manager', 'admin'), validate('param', runIdParam), async (c) => {
      const state = await (await deps.lake()).poll(c.req.valid('param').runId, QUESTION_LIMITS);
      if (!state) throw notFound('no such run (DuckDB answers at once and keeps no runs)');
      return answer(c, state);
    })
    .post('/:name/runs', requireRole(deps, 'manager', 'admin'), validate('json', runBody), async (c) => {
      const question = findQuestion(c.req.param('name'));
      if (!question) throw notFound(`no question named ${c.req.param('name')}`);
      const parsed = paramsSchema(question).safeParse(c.req.valid('json').params);
      if (!parsed.success)
        throw badRequest(
          'the question’s parameters are invalid',
          issuesToDetails(parsed.error.issues).map((d) => ({
            ...d,
            path: d.path ? `params.${d.path}` : 'params',
          })),
        );
      const params = parsed.data as Record<string, number | undefined>;
      const engine = await deps.lake();
      const state = await engine.start(question.sql(params, engine.dialect, deps.db.now()), QUESTION_LIMITS);
      const given = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Record<
        string,
        number
      >;
      return answer(c, state, { question: question.name, params: given });
    });
