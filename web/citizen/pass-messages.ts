// The citizen's strings for a pass away from the network (kept copies) and the saved pass image, both languages.
import { defineMessages } from '../kit/i18n.ts';

export const pm = defineMessages(
  {
    passNumber: 'Pass number',
    ruleNote: 'Decided automatically by the rules ({rule})',
    offlineSince: 'Offline — last updated {time}. This is the copy kept on this phone.',
    offlineNothing: 'Offline, and this phone has no copy yet. Open it once with a connection.',
    expiredOffline: 'This pass has ended.',
    saveImage: 'Save as image',
    saveImageHint: 'A picture of the pass (QR code, holder, validity) for the gallery or to print.',
    imageTitle: 'Movement Pass',
    imageSaved: 'The image is saved (look in Downloads or the gallery).',
    imageFailed: 'The image could not be made on this phone. Use Print instead.',
  },
  {
    passNumber: 'পাস নম্বর',
    ruleNote: 'নিয়ম অনুযায়ী স্বয়ংক্রিয় সিদ্ধান্ত',
    offlineSince: 'অফলাইন — সর্বশেষ হালনাগাদ {time}। এটি এই ফোনে রাখা কপি।',
    offlineNothing: 'অফলাইন, আর এই ফোনে এখনও কোনো কপি নেই। সংযোগ থাকা অবস্থায় একবার খুলুন।',
    expiredOffline: 'এই পাসের মেয়াদ শেষ।',
    saveImage: 'ছবি হিসেবে রাখুন',
    saveImageHint: 'পাসের একটি ছবি (কিউআর কোড, পাসধারী, মেয়াদ) গ্যালারিতে রাখতে বা প্রিন্ট করতে।',
    imageTitle: 'মুভমেন্ট পাস',
    imageSaved: 'ছবিটি রাখা হয়েছে (ডাউনলোড বা গ্যালারিতে দেখুন)।',
    imageFailed: 'এই ফোনে ছবিটি তৈরি করা গেল না। প্রিন্ট ব্যবহার করুন।',
  },
);

export type PassKey = keyof (typeof pm)['en'];
