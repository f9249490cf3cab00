// Strings the kit itself shows (errors, language toggle), in both languages.
import { defineMessages } from './i18n.ts';

export const kitMessages = defineMessages(
  {
    language: 'Language',
    switchTo: 'বাংলা',
    switchToLabel: 'বাংলায় দেখুন (Show in Bengali)',
    network: 'No connection. Check your mobile data or Wi-Fi, then try again.',
    tooMany: 'Too many attempts. Wait a few minutes, then try again.',
    unauthorized: 'Your session has ended. Please log in again.',
    server: 'Something went wrong on our side. Please try again in a minute.',
    fixFields: 'Please correct the highlighted fields.',
    required: 'Required',
    loading: 'Loading…',
    skip: 'Skip to content',
  },
  {
    language: 'ভাষা',
    switchTo: 'English',
    switchToLabel: 'Show in English (ইংরেজিতে দেখুন)',
    network: 'সংযোগ নেই। মোবাইল ডেটা বা ওয়াই-ফাই দেখে আবার চেষ্টা করুন।',
    tooMany: 'অনেকবার চেষ্টা হয়েছে। কয়েক মিনিট অপেক্ষা করে আবার চেষ্টা করুন।',
    unauthorized: 'আপনার সেশন শেষ হয়েছে। আবার লগ ইন করুন।',
    server: 'আমাদের দিকে সমস্যা হয়েছে। এক মিনিট পরে আবার চেষ্টা করুন।',
    fixFields: 'চিহ্নিত ঘরগুলো ঠিক করুন।',
    required: 'আবশ্যক',
    loading: 'লোড হচ্ছে…',
    skip: 'মূল অংশে যান',
  },
);
