// Every district and thana has a Bengali name, and the committed data is exactly what the matcher and the
// hand-checked list give (so a hand edit of locations.json, or a by-hand.json entry that names nothing, fails).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REFERENCE } from '../../api/domain/reference.ts';
import { fillBengaliNames, spellingKey } from '../../scripts/place-names/bengali-place-names.ts';
import { LOCATIONS_PATH, loadInputs, locationsText } from '../../scripts/place-names/fill-bengali-names.ts';

/** Bengali letters and signs, with the spaces, brackets and hyphens some names carry. */
const BENGALI_NAME = /^[\u0980-\u09FF]+(?:[ \-()][\u0980-\u09FF()]*)*$/u;

describe('Bengali place names', () => {
  const places = REFERENCE.districts.flatMap((district) => [
    { path: district.en, bn: district.bn },
    ...district.thanas.map((thana) => ({ path: `${district.en}/${thana.en}`, bn: thana.bn })),
  ]);

  it('names every one of the 75 districts and 626 thanas in Bengali script', () => {
    expect(places).toHaveLength(75 + 626);
    const missing = places.filter((place) => !BENGALI_NAME.test(place.bn)).map((place) => place.path);
    expect(missing).toEqual([]);
  });

  it('gives two thanas of one district two different Bengali names', () => {
    for (const district of REFERENCE.districts) {
      const names = district.thanas.map((thana) => thana.bn);
      expect(new Set(names).size, district.en).toBe(names.length);
    }
  });

  it('is what the matcher and by-hand.json produce, with nothing unnamed and no unused hand entry', () => {
    const { locations, geocode, byHand } = loadInputs();
    const filled = fillBengaliNames(locations, geocode, byHand);
    expect(filled.unnamed).toEqual([]);
    expect(filled.unused).toEqual([]);
    expect(readFileSync(LOCATIONS_PATH, 'utf8')).toBe(locationsText(filled.districts));
  });

  it('matches spellings that differ only by transliteration habit, not different places', () => {
    expect(spellingKey('Babugonj')).toBe(spellingKey('Babuganj'));
    expect(spellingKey('Fulchhari')).toBe(spellingKey('Phulchari'));
    expect(spellingKey('Bagerhat')).toBe(spellingKey('Bagerhat Sadar'));
    // Known near-misses that must stay apart (the hand list names them).
    expect(spellingKey('Bakolia')).not.toBe(spellingKey('Boalkhali'));
    expect(spellingKey('Kotwali')).not.toBe(spellingKey('Kawkhali'));
  });

  it('drops "সদর" when the thana is named after the town, keeps it when the name says Sadar', () => {
    const byName = (district: string, thana: string) =>
      REFERENCE.districts.find((d) => d.en === district)?.thanas.find((t) => t.en === thana)?.bn;
    expect(byName('Bagerhat', 'Bagerhat')).toBe('বাগেরহাট');
    expect(byName('Chuadanga', 'Chuadanga Sadar')).toBe('চুয়াডাঙ্গা সদর');
    expect(byName('Dhaka Metro', 'Mohammadpur')).toBe('মোহাম্মদপুর');
    expect(REFERENCE.districts.find((d) => d.en === 'Dhaka Metro')?.bn).toBe('ঢাকা মহানগর');
  });
});
