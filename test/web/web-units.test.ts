import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Pure parts of the web: entry routing, the budget's up-front chunk walk, Bengali digits, API errors to fields.
import { describe, expect, it } from 'vitest';
import { entryForPath, entryHtml, isFilePath, WEB_ENTRIES } from '../../web/entries.ts';
import { ApiError, NetworkError } from '../../web/kit/api.ts';
import { describeError } from '../../web/kit/forms.tsx';
import { defineMessages, digits, formatDateTime, formatNumber, translate } from '../../web/kit/i18n.ts';
import { budgetReport, measureEntries, upFrontFiles } from '../../web/tools/budgets.ts';
import { newestSource } from '../../web/tools/web-freshness.ts';

describe('web entries', () => {
  it('gives each path the entry with the longest matching prefix, the citizen site otherwise', () => {
    expect(entryForPath('/').name).toBe('citizen');
    expect(entryForPath('/passes/01JABC').name).toBe('citizen');
    expect(entryForPath('/officer').name).toBe('officer');
    expect(entryForPath('/officer/passes/01JABC').name).toBe('officer');
    expect(entryForPath('/officers-club').name).toBe('citizen');
    expect(entryForPath('/police').name).toBe('police');
    expect(entryForPath('/sre').name).toBe('sre');
    expect(entryForPath('/manager/').name).toBe('manager');
    expect(entryForPath('/admin/audit').name).toBe('admin');
    expect(WEB_ENTRIES.map(entryHtml)).toEqual([
      'index.html',
      'officer/index.html',
      'police/index.html',
      'manager/index.html',
      'sre/index.html',
      'admin/index.html',
    ]);
  });

  it('treats a last segment with an extension as a file, anything else as a client-side route', () => {
    expect(isFilePath('/assets/citizen-1a2b.js')).toBe(true);
    expect(isFilePath('/favicon.ico')).toBe(true);
    expect(isFilePath('/passes/01JABC')).toBe(false);
    expect(isFilePath('/officer/')).toBe(false);
  });
});

describe('budget walk', () => {
  const manifest = {
    'index.html': {
      file: 'assets/citizen.js',
      imports: ['_shared.js'],
      dynamicImports: ['lazy.tsx'],
      css: ['assets/c.css'],
    },
    '_shared.js': { file: 'assets/shared.js', css: ['assets/shared.css'] },
    'lazy.tsx': { file: 'assets/lazy.js' },
  };

  it('counts the entry chunk, its static imports and their CSS, not lazy chunks', () => {
    expect(upFrontFiles(manifest, 'index.html')).toEqual({
      js: ['assets/citizen.js', 'assets/shared.js'],
      css: ['assets/c.css', 'assets/shared.css'],
    });
  });

  it('refuses an entry the manifest does not have', () => {
    expect(() => upFrontFiles(manifest, 'police/index.html')).toThrow(/no entry police/);
  });
});

describe('budgets and freshness', () => {
  it('measures each entry gzipped and marks the kinds over budget', () => {
    const dist = mkdtempSync(join(tmpdir(), 'mp-budget-'));
    try {
      mkdirSync(join(dist, 'assets'));
      // Random bytes do not compress: 8 KB stays about 8 KB gzipped.
      writeFileSync(join(dist, 'assets/citizen.js'), randomBytes(8 * 1024).toString('base64'));
      writeFileSync(join(dist, 'assets/c.css'), 'body{margin:0}');
      const manifest = { 'index.html': { file: 'assets/citizen.js', css: ['assets/c.css'] } };
      const [size] = measureEntries(dist, manifest, [
        { name: 'citizen', path: '/', budget: { js: 4096, css: 1024 } },
      ]);
      expect(size?.js).toBeGreaterThan(4096);
      expect(size?.css).toBeLessThan(100);
      expect(size?.over).toEqual([expect.stringMatching(/^JS .* > 4\.0 KB$/)]);
      expect(budgetReport(size ? [size] : [])).toMatch(/citizen .*OVER: JS/);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('finds the newest source file, ignoring the build output and dependencies', () => {
    const web = mkdtempSync(join(tmpdir(), 'mp-fresh-'));
    try {
      mkdirSync(join(web, 'kit'));
      mkdirSync(join(web, 'dist'));
      writeFileSync(join(web, 'kit/api.ts'), '');
      writeFileSync(join(web, 'index.html'), '');
      writeFileSync(join(web, 'dist/index.html'), '');
      const old = new Date(Date.now() - 60_000);
      utimesSync(join(web, 'index.html'), old, old);
      expect(newestSource(web).path).toBe(join(web, 'kit/api.ts'));
    } finally {
      rmSync(web, { recursive: true, force: true });
    }
  });
});

describe('i18n', () => {
  it('writes digits, numbers and dates in Bengali script in Bengali', () => {
    expect(digits('01712345678', 'bn')).toBe('০১৭১২৩৪৫৬৭৮');
    expect(digits(42, 'en')).toBe('42');
    expect(formatNumber(125000, 'bn')).toBe('১,২৫,০০০');
    expect(formatDateTime('2021-04-13T08:30:00Z', 'bn')).not.toMatch(/[0-9]/);
    expect(formatDateTime('2021-04-13T08:30:00Z', 'en')).toContain('14:30');
  });

  it('fills placeholders, numbers in the language’s digits', () => {
    const messages = defineMessages({ left: '{n} passes left' }, { left: '{n}টি পাস বাকি' });
    expect(translate(messages, 'en')('left', { n: 3 })).toBe('3 passes left');
    expect(translate(messages, 'bn')('left', { n: 3 })).toBe('৩টি পাস বাকি');
  });
});

describe('API errors in forms', () => {
  const t = (key: string) => key;

  it('puts each 400 detail at the field its path names', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'invalid body', [
      { path: 'dateOfBirth', message: 'applicant must be at least 18 years old' },
      { path: 'vehicle.number', message: 'is required' },
    ]);
    expect(describeError(error, t)).toEqual({
      fields: { dateOfBirth: 'applicant must be at least 18 years old', 'vehicle.number': 'is required' },
      text: 'fixFields',
    });
  });

  it('says what to do next on 429, server errors and lost connections', () => {
    expect(describeError(new ApiError(429, 'TOO_MANY_REQUESTS', 'slow down'), t).text).toBe('tooMany');
    expect(describeError(new ApiError(503, 'UNAVAILABLE', 'x'), t).text).toBe('server');
    expect(describeError(new NetworkError('fetch failed'), t).text).toBe('network');
    expect(describeError(new TypeError('x is undefined'), t).text).toBe('server');
    // A known code in the page's words (web/kit/error-messages.ts), not the API's English sentence.
    expect(describeError(new ApiError(409, 'ACTIVE_PASS_EXISTS', 'you already hold a pass'), t)).toEqual({
      fields: {},
      text: 'You already hold a pending or active pass. Wait until it ends or is decided.',
    });
  });
});
