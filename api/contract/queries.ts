// What the management questions answer (GET /queries, POST /queries/{name}/runs, GET /queries/runs/{id}).
import { z } from 'zod';

export const questionParam = z.object({
  name: z.string(),
  type: z.enum(['integer', 'district']),
  label: z.string(),
  default: z.number().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

export const questionList = z.object({
  engine: z.enum(['duckdb', 'athena']),
  questions: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      description: z.string(),
      params: z.array(questionParam),
      chart: z.object({ x: z.string(), y: z.string() }),
    }),
  ),
});

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const queryRun = z.union([
  z.object({
    status: z.literal('done'),
    runId: z.string().optional(),
    question: z.string().optional(),
    params: z.record(z.string(), z.number()).optional(),
    columns: z.array(z.string()),
    rows: z.array(z.array(cell)),
    truncated: z.boolean(),
  }),
  z.object({ status: z.literal('running'), runId: z.string(), question: z.string().optional() }),
]);

export type QuestionList = z.infer<typeof questionList>;
export type QueryRun = z.infer<typeof queryRun>;
