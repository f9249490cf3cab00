// GET /api/v1/reference once per page (the browser and CloudFront cache it): districts, thanas, reasons, types.
import { useEffect, useState } from 'preact/hooks';
import { digits, type Lang, label } from './i18n.ts';

export interface Named {
  en: string;
  bn: string;
}
export interface Coded extends Named {
  code: string;
}
export interface District extends Named {
  id: number;
  thanas: (Named & { id: number })[];
}
export interface Reference {
  districts: District[];
  reasons: Coded[];
  idTypes: Coded[];
  genders: Coded[];
  tripTypes: Coded[];
}

let pending: Promise<Reference> | undefined;

export function loadReference(): Promise<Reference> {
  pending ??= fetch('/api/v1/reference').then((res) => {
    if (!res.ok) throw new Error(`reference: ${res.status}`);
    return res.json() as Promise<Reference>;
  });
  // A failed load is retried by the next caller.
  pending.catch(() => {
    pending = undefined;
  });
  return pending;
}

/** The reference data, or undefined while it loads (and after a failure, until a retry succeeds). */
export function useReference(): Reference | undefined {
  const [reference, setReference] = useState<Reference>();
  useEffect(() => {
    let live = true;
    loadReference()
      .then((data) => live && setReference(data))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return reference;
}

export const districtById = (reference: Reference, id: number) =>
  reference.districts.find((d) => d.id === id);

/** "District, Thana" in the page's language; the district's number while the reference data loads. */
export function placeName(
  reference: Reference | undefined,
  districtId: number,
  thanaId: number,
  lang: Lang,
): string {
  const district = reference && districtById(reference, districtId);
  if (!district) return digits(districtId, lang);
  const thana = district.thanas.find((th) => th.id === thanaId);
  return `${label(district, lang)}${thana ? `, ${label(thana, lang)}` : ''}`;
}
