// English/Bengali: a remembered language toggle, message lookup with {placeholders}, Bengali digits and dates.
import { useEffect, useState } from 'preact/hooks';

export type Lang = 'en' | 'bn';
export const LANG_KEY = 'mp.lang';

function stored(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'bn' ? 'bn' : 'en';
  } catch {
    return 'en';
  }
}

let current: Lang = typeof localStorage === 'undefined' ? 'en' : stored();
const listeners = new Set<(lang: Lang) => void>();

export const getLang = (): Lang => current;

export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // private mode: the toggle still works for this page
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  for (const listener of listeners) listener(lang);
}

/** Re-renders the calling component when the language changes. */
export function useLang(): Lang {
  const [lang, set] = useState(current);
  useEffect(() => {
    listeners.add(set);
    set(current);
    return () => listeners.delete(set);
  }, []);
  return lang;
}

const BN_DIGITS = '০১২৩৪৫৬৭৮৯';

/** Any ASCII digits in text, in the language's script. */
export const digits = (text: string | number, lang: Lang = current): string =>
  lang === 'bn' ? String(text).replace(/[0-9]/g, (d) => BN_DIGITS[Number(d)] ?? d) : String(text);

export const formatNumber = (n: number, lang: Lang = current): string =>
  digits(new Intl.NumberFormat('en-IN').format(n), lang);

const locale = (lang: Lang) => (lang === 'bn' ? 'bn-BD-u-nu-beng' : 'en-GB');

/** A date and time in Dhaka time, e.g. "13 Apr 2021, 14:30" or "১৩ এপ্রি, ২০২১ ২:৩০ PM". */
export const formatDateTime = (iso: string, lang: Lang = current): string =>
  digits(
    new Intl.DateTimeFormat(locale(lang), {
      dateStyle: 'medium',
      timeStyle: 'short',
      // 24-hour clock: Bengali formatting would otherwise keep the Latin "AM"/"PM".
      hourCycle: 'h23',
      timeZone: 'Asia/Dhaka',
    }).format(new Date(iso)),
    lang,
  );

export const formatDate = (iso: string, lang: Lang = current): string =>
  digits(
    new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso)),
    lang,
  );

export type Messages<K extends string> = Record<Lang, Record<K, string>>;

/** Both languages must define every key: the type makes a missing Bengali string a compile error. */
export const defineMessages = <K extends string>(
  en: Record<K, string>,
  bn: Record<K, string>,
): Messages<K> => ({
  en,
  bn,
});

export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

export function translate<K extends string>(messages: Messages<K>, lang: Lang): Translate<K> {
  return (key, vars) =>
    messages[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = vars?.[name];
      return value === undefined
        ? `{${name}}`
        : typeof value === 'number'
          ? formatNumber(value, lang)
          : value;
    });
}

/** The translator for the current language; the component re-renders on a toggle. */
export function useT<K extends string>(messages: Messages<K>): Translate<K> {
  return translate(messages, useLang());
}

/** A bilingual reference label ({en, bn}); Bengali falls back to English where the data has none. */
export const label = (item: { en: string; bn?: string }, lang: Lang = current): string =>
  lang === 'bn' && item.bn ? item.bn : item.en;
