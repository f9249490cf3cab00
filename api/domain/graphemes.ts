// User-perceived characters (grapheme clusters): what masking and clipping cut by, so no character is ever halved.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export const graphemes = (text: string): string[] => Array.from(segmenter.segment(text), (s) => s.segment);
