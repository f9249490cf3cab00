// `npm run synth`: synthesizes the app in-process (offline, no credentials) and lists every stack with its region and size.
import { relative } from 'node:path';

const started = performance.now();
const { assembly, config } = await import('./app.ts');
const seconds = ((performance.now() - started) / 1000).toFixed(1);

// The pipeline and its stages first, then CodePipeline's per-region support stacks.
const rank = (id: string) => (id.startsWith('cross-region-stack-') ? 1 : 0);
const stacks = [...assembly.stacksRecursively].sort(
  (a, b) => rank(a.hierarchicalId) - rank(b.hierarchicalId),
);
const rows = stacks.map((stack) => ({
  stack: stack.hierarchicalId,
  name: stack.stackName,
  region: stack.environment.region,
  resources: Object.keys((stack.template as { Resources?: object }).Resources ?? {}).length,
}));
const width = (key: 'stack' | 'name' | 'region') => Math.max(key.length, ...rows.map((r) => r[key].length));
const line = (stack: string, name: string, region: string, resources: string) =>
  `${stack.padEnd(width('stack'))}  ${name.padEnd(width('name'))}  ${region.padEnd(width('region'))}  ${resources.padStart(9)}`;

console.log(line('stack', 'name', 'region', 'resources'));
for (const r of rows) console.log(line(r.stack, r.name, r.region, String(r.resources)));
console.log(
  `\n${rows.length} stacks for ${config.regions.length} regions (${config.regions.map((r) => r.id).join(', ')}), ` +
    `synthesized to ${relative(process.cwd(), assembly.directory) || '.'} in ${seconds} s`,
);
// Synthesis throws on any unacknowledged finding of the AwsSolutions plugin, so getting here means none.
console.log('cdk-nag AwsSolutions: no unacknowledged findings');
