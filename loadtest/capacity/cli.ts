// `npm run capacity`: the launch-day capacity model, as text for a person or as JSON (--json) for tools.
import { CAPACITY_USAGE, CapacityUsageError, parseCapacityArgs } from './args.ts';
import { capacityText } from './format.ts';
import { capacityModel } from './model.ts';

try {
  const { input, json, help } = parseCapacityArgs(process.argv.slice(2));
  if (help) {
    console.log(CAPACITY_USAGE);
    process.exit(0);
  }
  const report = capacityModel(input);
  console.log(json ? JSON.stringify(report, null, 2) : capacityText(report));
} catch (error) {
  console.error(error instanceof CapacityUsageError || error instanceof RangeError ? error.message : error);
  process.exit(2);
}
