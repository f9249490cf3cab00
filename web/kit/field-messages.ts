// Bengali for the API's per-field validation errors (a 400's details[].path): what the field must hold. English
// pages keep the API's own sentence; Bengali pages show these (test/web/error-messages.test.ts walks the request
// schemas in api/domain/ and fails when a field has none). A path not listed gets the generic sentence.
export const FIELD_FALLBACK_BN = 'এই তথ্যটি সঠিক নয়; ঠিক করে আবার চেষ্টা করুন।';

export const fieldMessagesBn: Readonly<Record<string, string>> = {
  // Citizen: code, registration
  mobilePhone: '০১৩–০১৯ দিয়ে শুরু ১১ সংখ্যার মোবাইল নম্বর দিন',
  otp: 'এসএমএসের ৬টি সংখ্যা দিন',
  name: 'নাম দিন (সর্বোচ্চ ৬৪টি অক্ষর)',
  dateOfBirth: 'জন্ম তারিখ দিন; বয়স কমপক্ষে ১৮ বছর হতে হবে',
  gender: 'লিঙ্গ বাছাই করুন',
  idType: 'পরিচয়পত্রের ধরন বাছাই করুন',
  idNumber: '৪–৩২টি অক্ষর, সংখ্যা বা ড্যাশ',
  district: 'তালিকা থেকে একটি জেলা বাছাই করুন',
  thana: 'বাছাই করা জেলার একটি থানা বাছাই করুন',
  photo: 'ছবিটি JPEG, PNG বা WebP হতে হবে, সর্বোচ্চ ৬৪ KB',
  refreshToken: 'সেশনটি চেনা যায়নি; আবার লগ ইন করুন',
  cursor: 'তালিকার এই পাতাটি আর নেই; আবার লোড করুন',
  // Citizen: application
  fromLocation: 'কোথা থেকে যাবেন লিখুন (সর্বোচ্চ ৬৪টি অক্ষর)',
  toLocation: 'কোথায় যাবেন লিখুন (সর্বোচ্চ ৬৪টি অক্ষর)',
  startAt: 'এখন থেকে ১ থেকে ২৪ ঘণ্টার মধ্যে একটি সময় দিন',
  durationHours: '১ থেকে ১২ ঘণ্টা',
  tripType: 'যাত্রার ধরন বাছাই করুন',
  reason: 'তালিকা থেকে যাত্রার কারণ বাছাই করুন',
  vehicle: 'যানবাহনের তথ্য দিন',
  'vehicle.number': 'যানবাহনের নম্বর দিন',
  'vehicle.selfDriven': 'নিজে চালাবেন কি না বাছাই করুন',
  'vehicle.driver': 'নিজে না চালালে চালকের নাম ও লাইসেন্স নম্বর দিন',
  'vehicle.driver.name': 'চালকের নাম দিন (সর্বোচ্চ ৬৪টি অক্ষর)',
  'vehicle.driver.licenseNo': 'চালকের লাইসেন্স নম্বর দিন (সর্বোচ্চ ৩২টি অক্ষর)',
  // Staff: sign in, decisions, checks, numbers
  username: 'ইউজারনেম দিন (ছোট হাতের অক্ষর, সংখ্যা, . _ -)',
  password: 'পাসওয়ার্ড দিন',
  currentPassword: 'বর্তমান পাসওয়ার্ড দিন',
  newPassword: 'নতুন পাসওয়ার্ড যথেষ্ট লম্বা ও আগেরটি থেকে আলাদা হতে হবে',
  decision: 'অনুমোদন, প্রত্যাখ্যান বা বাতিল বাছাই করুন',
  note: 'মন্তব্য লিখুন (প্রত্যাখ্যান ও বাতিলের জন্য আবশ্যক)',
  qr: 'কিউআর কোডটি পাস নয়',
  passId: 'পাস নম্বরটি ২৬ অক্ষরের হতে হবে',
  location: 'অবস্থান সঠিক নয়',
  'location.lat': 'অক্ষাংশ সঠিক নয়',
  'location.lon': 'দ্রাঘিমাংশ সঠিক নয়',
  checkedAt: 'যাচাইয়ের সময় সঠিক নয়',
  from: 'শুরুর তারিখ দিন (সর্বোচ্চ ৩১ দিনের পরিসর)',
  to: 'শেষের তারিখ দিন (শুরুর পরে, সর্বোচ্চ ৩১ দিনের পরিসর)',
  // Admin: staff accounts
  displayName: 'নাম দিন (সর্বোচ্চ ৬৪টি অক্ষর)',
  role: 'ভূমিকা বাছাই করুন',
  districts: 'এক বা একাধিক জেলা বাছাই করুন, বা সব জেলা',
  dryRun: 'শুধু যাচাই করবেন কি না বাছাই করুন',
};

/** The Bengali for a field path; list items (`districts.3`) use their list's entry. */
export function fieldMessageBn(path: string): string {
  return fieldMessagesBn[path] ?? fieldMessagesBn[path.replace(/\.\d+(?=\.|$)/g, '')] ?? FIELD_FALLBACK_BN;
}
