// The "Questions" view's words in English and Bengali; the catalogue's titles come from the API in English, and
// Bengali ones are kept here by question name (a question without one shows its English title).
import { defineMessages } from '../kit/i18n.ts';

export const qm = defineMessages(
  {
    heading: 'Ask the event lake',
    intro: 'Named questions over every application, decision and check (no personal data). Engine: {engine}.',
    question: 'Question',
    days: 'Last N days',
    district: 'District',
    allDistricts: 'All districts',
    ask: 'Run',
    asking: 'Running…',
    running: 'Still running on the lake ({seconds} s)…',
    csv: 'Download CSV',
    loading: 'Loading the questions…',
    required: 'Enter a number.',
    integer: 'Enter a whole number.',
    range: 'Between {min} and {max}.',
    rows: 'Rows: {count}',
    truncated: 'Only the first {count} rows came back; narrow the question.',
    noRows: 'No rows: nothing in the lake matches yet (it fills within a minute of a change).',
    summed: 'Rows with the same {x} are added up in the chart.',
    hidden: 'The chart shows the first {shown}; {hidden} more are in the table.',
    chartOf: '{y} by {x}',
    table: 'Show the chart as a table',
    answer: 'Answer',
    stillRunning: 'The question is still running; try again in a minute.',
  },
  {
    heading: 'ইভেন্ট লেককে জিজ্ঞাসা করুন',
    intro: 'প্রতিটি আবেদন, সিদ্ধান্ত ও যাচাই নিয়ে নির্দিষ্ট প্রশ্ন (কোনো ব্যক্তিগত তথ্য নেই)। ইঞ্জিন: {engine}।',
    question: 'প্রশ্ন',
    days: 'গত কত দিন',
    district: 'জেলা',
    allDistricts: 'সব জেলা',
    ask: 'চালান',
    asking: 'চলছে…',
    running: 'লেকে এখনও চলছে ({seconds} সেকেন্ড)…',
    csv: 'CSV নামান',
    loading: 'প্রশ্নগুলো আসছে…',
    required: 'একটি সংখ্যা লিখুন।',
    integer: 'একটি পূর্ণ সংখ্যা লিখুন।',
    range: '{min} থেকে {max} এর মধ্যে।',
    rows: 'সারি: {count}',
    truncated: 'শুধু প্রথম {count}টি সারি এসেছে; প্রশ্নটি ছোট করুন।',
    noRows: 'কোনো সারি নেই: লেকে এখনও মেলে এমন কিছু নেই (পরিবর্তনের এক মিনিটের মধ্যে আসে)।',
    summed: 'চার্টে একই {x} এর সারিগুলো যোগ করা হয়েছে।',
    hidden: 'চার্টে প্রথম {shown}টি; আরও {hidden}টি সারণিতে।',
    chartOf: '{x} অনুযায়ী {y}',
    table: 'চার্টটি সারণি হিসেবে দেখুন',
    answer: 'উত্তর',
    stillRunning: 'প্রশ্নটি এখনও চলছে; এক মিনিট পরে আবার চেষ্টা করুন।',
  },
);

/** Bengali titles by question name. */
export const TITLES_BN: Record<string, string> = {
  'time-to-decision-by-district': 'জেলা অনুযায়ী সিদ্ধান্তে সময়',
  'backlog-growth-by-district': 'কোথায় অপেক্ষমাণ আবেদন বাড়ছে',
  'decisions-per-officer': 'কর্মকর্তাপ্রতি দিনপ্রতি সিদ্ধান্ত',
  'rejections-by-reason': 'কারণ ও জেলা অনুযায়ী প্রত্যাখ্যান',
  'invalid-checks-by-district': 'জেলা অনুযায়ী অবৈধ পাস পাওয়া যাচাই',
  'reapplied-after-rejection': 'প্রত্যাখ্যানের পর আবার আবেদনকারী নাগরিক',
  'applications-per-hour-by-reason': 'কারণ অনুযায়ী দিনের ঘণ্টাপ্রতি আবেদন',
  'approval-rate-by-district': 'জেলা অনুযায়ী অনুমোদনের হার',
  'time-to-decision': 'সিদ্ধান্তে সময়, সামগ্রিক',
};

/** Bengali descriptions by question name. */
export const DESCRIPTIONS_BN: Record<string, string> = {
  'time-to-decision-by-district': 'আবেদন থেকে প্রথম সিদ্ধান্ত পর্যন্ত মিনিট, মধ্যমা ও ৯০তম শতাংশক, জেলা অনুযায়ী।',
  'backlog-growth-by-district':
    'সময়কালে প্রতি জেলায় আসা আবেদন, সিদ্ধান্ত ও মেয়াদোত্তীর্ণ; বৃদ্ধি = আসা − সিদ্ধান্ত − মেয়াদোত্তীর্ণ।',
  'decisions-per-officer': 'প্রতিটি কর্মকর্তা ঢাকার প্রতিটি দিনে কতটি সিদ্ধান্ত দিয়েছেন, কতটি অনুমোদিত ও প্রত্যাখ্যাত।',
  'rejections-by-reason': 'কোন ভ্রমণের কারণ সবচেয়ে বেশি প্রত্যাখ্যাত হয়, এবং কোথায়।',
  'invalid-checks-by-district': 'পুলিশের যাচাই এবং কতগুলোতে অবৈধ পাস পাওয়া গেছে, যাচাইয়ের জেলা অনুযায়ী।',
  'reapplied-after-rejection': 'সময়কালে প্রত্যাখ্যাত নাগরিকদের কতজন পরে আবার আবেদন করেছেন, জেলা অনুযায়ী।',
  'applications-per-hour-by-reason': 'আবেদন কখন আসে (ঢাকার সময়), প্রতিটি ভ্রমণের কারণে।',
  'approval-rate-by-district': 'জেলাপ্রতি সিদ্ধান্ত এবং অনুমোদিতের অংশ (নিয়মে বা কর্মকর্তার দ্বারা)।',
  'time-to-decision':
    'আবেদন থেকে প্রথম অনুমোদন বা প্রত্যাখ্যান পর্যন্ত মিনিট, মধ্যমা ও ৯০তম শতাংশক: সব সিদ্ধান্ত, তারপর কে দিয়েছেন (কর্মকর্তা বা নিয়ম)।',
};
