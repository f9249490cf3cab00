// Fills the empty Bengali names of the districts and thanas: an upazila of the same district whose English name
// matches (spellings normalised) gives its Bengali name; everything else comes from by-hand.json, which wins.
import { readFileSync } from 'node:fs';

export interface Place {
  id: number;
  en: string;
  bn: string;
}
export interface District extends Place {
  thanas: Place[];
}

interface GeoRow {
  id: string;
  name: string;
  bn_name: string;
  district_id?: string;
}
export interface Geocode {
  districts: GeoRow[];
  upazilas: GeoRow[];
}

export interface ByHand {
  districtSuffixes: Record<string, string>;
  districts: Record<string, string>;
  districtSpellings: Record<string, string>;
  thanas: Record<string, Record<string, string>>;
}

export interface Filled {
  districts: District[];
  /** "District/Thana" of every place still without a Bengali name. */
  unnamed: string[];
  /** by-hand.json entries that name no place (a typo or a place that was removed). */
  unused: string[];
}

/** Transliteration variants seen between the two lists (gonj/ganj, oo/u, ph/f, doubled letters, w/o, y/i). */
export function spellingKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/gonj|gong/g, 'ganj')
    .replace(/oo/g, 'u')
    .replace(/ph/g, 'f')
    .replace(/ee/g, 'i')
    .replace(/([a-z])\1/g, '$1')
    .replace(/w/g, 'o')
    .replace(/y/g, 'i')
    .replace(/sadar$/, '');
}

const SADAR_BN = ' সদর';

export function fillBengaliNames(locations: District[], geocode: Geocode, byHand: ByHand): Filled {
  const unnamed: string[] = [];
  const usedHand = new Set<string>();
  const districts = locations.map((district) => {
    const [baseName, suffix] = splitSuffix(district.en, byHand.districtSuffixes);
    const geoName = byHand.districtSpellings[baseName] ?? baseName;
    const geoDistrict = geocode.districts.find((row) => row.name === geoName);
    if (byHand.districtSpellings[baseName]) usedHand.add(`spelling:${baseName}`);
    let districtBn = byHand.districts[district.en];
    if (districtBn) usedHand.add(`district:${district.en}`);
    else if (geoDistrict)
      districtBn = geoDistrict.bn_name.trim() + (suffix ? byHand.districtSuffixes[suffix] : '');
    if (!districtBn) unnamed.push(district.en);
    const upazilas = geoDistrict ? geocode.upazilas.filter((row) => row.district_id === geoDistrict.id) : [];
    const thanas = district.thanas.map((thana) => {
      const hand = byHand.thanas[district.en]?.[thana.en];
      if (hand) usedHand.add(`thana:${district.en}/${thana.en}`);
      const bn = hand ?? matchUpazila(thana.en, upazilas);
      if (!bn) unnamed.push(`${district.en}/${thana.en}`);
      return { ...thana, bn: bn ?? '' };
    });
    return { ...district, bn: districtBn ?? '', thanas };
  });
  const unused = [
    ...Object.keys(byHand.districtSpellings).map((name) => `spelling:${name}`),
    ...Object.keys(byHand.districts).map((name) => `district:${name}`),
    ...Object.entries(byHand.thanas).flatMap(([d, names]) =>
      Object.keys(names).map((t) => `thana:${d}/${t}`),
    ),
  ].filter((key) => !usedHand.has(key));
  return { districts, unnamed, unused };
}

function splitSuffix(name: string, suffixes: Record<string, string>): [string, string | undefined] {
  const suffix = Object.keys(suffixes).find((s) => name.endsWith(s));
  return suffix ? [name.slice(0, -suffix.length), suffix] : [name, undefined];
}

/** Exactly one upazila with the same spelling key; "X Sadar" names the thana "X" without "সদর" unless it says Sadar. */
function matchUpazila(thanaName: string, upazilas: GeoRow[]): string | undefined {
  const key = spellingKey(thanaName);
  const matches = upazilas.filter((row) => spellingKey(row.name) === key);
  const [only] = matches;
  if (!only || matches.length > 1) return undefined;
  const bn = only.bn_name.trim();
  return /sadar/i.test(thanaName) || !bn.endsWith(SADAR_BN) ? bn : bn.slice(0, -SADAR_BN.length);
}

/** The rows of a PHPMyAdmin JSON export sit under the element whose type is "table". */
export function phpMyAdminRows(path: string): GeoRow[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { type: string; data?: GeoRow[] }[];
  const table = parsed.find((element) => element.type === 'table');
  if (!table?.data) throw new Error(`${path}: no table element`);
  return table.data;
}
