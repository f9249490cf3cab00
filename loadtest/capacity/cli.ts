// `npm run capacity`: the launch-day capacity model, as text for a person or as JSON (--json) for tools.
import { CapacityUsageError, parseCapacityArgs } from './args.ts';
import { capacityText } from './format.ts';
import { capacityModel } from './model.ts';

try {
  const { input, json } = parseCapacityArgs(process.argv.slice(2));
  const report = capacityModel(input);
  console.log(json ? JSON.stringify(report, null, 2) : capacityText(report));
} catch (error) {
  console.error(error instanceof CapacityUsageError ? error.message : error);
  process.exit(2);
}
