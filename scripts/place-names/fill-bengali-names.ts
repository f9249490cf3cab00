// Rewrites api/data/locations.json with Bengali names (see bengali-place-names.ts). Run after editing by-hand.json:
//   npx tsx scripts/place-names/fill-bengali-names.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ByHand, type District, fillBengaliNames, phpMyAdminRows } from './bengali-place-names.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
export const LOCATIONS_PATH = here('../../api/data/locations.json');

export function loadInputs() {
  const locations = JSON.parse(readFileSync(LOCATIONS_PATH, 'utf8')) as District[];
  const geocode = {
    districts: phpMyAdminRows(here('bd-geocode/districts.json')),
    upazilas: phpMyAdminRows(here('bd-geocode/upazilas.json')),
  };
  const byHand = JSON.parse(readFileSync(here('by-hand.json'), 'utf8')) as ByHand;
  return { locations, geocode, byHand };
}

/** The file's exact text for these districts (two-space JSON with a final newline, as the data was shipped). */
export const locationsText = (districts: District[]) => `${JSON.stringify(districts, null, 2)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { locations, geocode, byHand } = loadInputs();
  const filled = fillBengaliNames(locations, geocode, byHand);
  writeFileSync(LOCATIONS_PATH, locationsText(filled.districts));
  const thanas = filled.districts.reduce((n, d) => n + d.thanas.length, 0);
  console.log(`${filled.districts.length} districts, ${thanas} thanas written to ${LOCATIONS_PATH}`);
  if (filled.unnamed.length)
    console.log(`without a Bengali name (${filled.unnamed.length}): ${filled.unnamed.join(', ')}`);
  if (filled.unused.length)
    console.log(`by-hand.json entries that name no place: ${filled.unused.join(', ')}`);
  process.exitCode = filled.unnamed.length || filled.unused.length ? 1 : 0;
}
