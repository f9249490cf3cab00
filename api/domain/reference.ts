// Reference data (districts, thanas, reasons, id types) bundled with the API, with fast lookups for validation.
import locations from '../data/locations.json' with { type: 'json' };
import reference from '../data/reference.json' with { type: 'json' };

export interface Labelled {
  code: string;
  en: string;
  bn: string;
}

export const REFERENCE = { districts: locations, ...reference };

const districtOfThana = new Map<number, number>();
for (const district of locations)
  for (const thana of district.thanas) districtOfThana.set(thana.id, district.id);
const districtIds = new Set(locations.map((d) => d.id));

export const isDistrict = (id: number) => districtIds.has(id);
export const isThana = (id: number) => districtOfThana.has(id);
export const thanaInDistrict = (thana: number, district: number) => districtOfThana.get(thana) === district;

const codes = (list: Labelled[]) => list.map((item) => item.code) as [string, ...string[]];
export const REASON_CODES = codes(reference.reasons);
export const ID_TYPE_CODES = codes(reference.idTypes);
export const GENDER_CODES = codes(reference.genders);
export const TRIP_TYPE_CODES = codes(reference.tripTypes);
