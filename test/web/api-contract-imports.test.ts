// The web takes the API's shapes from api/contract as types only: one contract, and zod never enters a page bundle.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === 'dist' || e.name === 'tools'
        ? []
        : sources(join(dir, e.name))
      : /\.tsx?$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );

const contractImports = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^import (type )?[^;]*from '([^']*api\/contract\/[^']*)'/gm)].map(
    (m) => ({
      file,
      typeOnly: m[1] === 'type ',
      from: m[2],
    }),
  );

describe('web ↔ API contract', () => {
  const imports = sources('web').flatMap(contractImports);

  it('the citizen, officer and manager pages read the pass, review and stats shapes from api/contract', () => {
    const users = new Set(imports.map((i) => i.file.split('/')[1]));
    expect([...users].sort()).toEqual(expect.arrayContaining(['citizen', 'manager', 'officer']));
  });

  it('imports them as types only (no runtime code from the API in a page)', () => {
    expect(imports.filter((i) => !i.typeOnly)).toEqual([]);
  });
});
