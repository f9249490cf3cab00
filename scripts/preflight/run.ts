// Runs every pre-flight check (after creating what is missing, with --create-secrets) and prints one line each.
import type { PreflightOptions } from './args.ts';
import type { PreflightClients } from './aws-clients.ts';
import {
  type CheckLine,
  checkConcurrency,
  checkHostedZone,
  checkOncall,
  checkParameters,
  checkRegionsEnabled,
  checkSecretsKeys,
  readValue,
} from './checks.ts';
import { createSecrets } from './create-secrets.ts';
import { checkDeployKeys, createDeployKeys } from './deploy-keys.ts';
import { checkLoadTestRange } from './load-test-checks.ts';
import { checkSms } from './sms-checks.ts';

export function formatLine(line: CheckLine): string {
  return `${line.ok ? '✓' : '✗'} ${line.what}: ${line.detail}`;
}

/** Prints as it goes; resolves to the lines, so a caller can tell whether all passed. */
export async function runPreflight(
  clients: PreflightClients,
  options: PreflightOptions,
  print: (line: string) => void = (l) => console.log(l),
): Promise<CheckLine[]> {
  const all: CheckLine[] = [];
  const report = (lines: CheckLine[]) => {
    for (const line of lines) print(formatLine(line));
    all.push(...lines);
  };
  report(checkOncall(options));
  const regions = await checkRegionsEnabled(clients, options);
  report(regions);
  report(await checkHostedZone(clients, options));
  // A region not enabled answers nothing else; its failure above says what to do.
  const enabled = new Set(regions.filter((l) => l.ok).map((l) => l.what.split(' ')[1]));
  const usable = { ...options, regions: options.regions.filter((r) => enabled.has(r)) };
  if (options.createSecrets && usable.regions.length === options.regions.length) {
    await createSecrets(clients, usable, print);
    await createDeployKeys(clients, print);
  } else if (options.createSecrets) print('! --create-secrets skipped: enable every region first');
  report(await checkConcurrency(clients, usable));
  const { lines: keyLines, keys } = await checkSecretsKeys(clients, usable);
  report(keyLines);
  report(await checkParameters(clients, usable, keys));
  report(await checkSms(clients.sms, usable.regions));
  report(await checkDeployKeys(clients));
  // Reads a setting's value: not in --no-values (the pipeline's check reads no parameter values).
  if (usable.checkValues)
    report(await checkLoadTestRange((region, name) => readValue(clients, region, name), usable.regions));
  const failed = all.filter((l) => !l.ok).length;
  print(failed === 0 ? `all ${all.length} checks passed` : `${failed} of ${all.length} checks failed`);
  return all;
}
