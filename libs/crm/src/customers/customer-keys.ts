/**
 * The keys duplicates are caught on: 统一社会信用代码 (GB 32100-2015, with its check
 * character), the company name with its legal-form suffixes, brackets and width folded
 * away, the phone's digits and the email's company domain. Pure functions, unit-tested.
 */

const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Upper-cased, full-width folded and trimmed, as stored. */
export function normaliseCreditCode(code: string): string {
  return code.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** Why a credit code is not valid, or null when it is (18 characters of the code's alphabet, check character right). */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return 'must be 18 characters';
  for (const character of code) {
    if (!CREDIT_CODE_CHARSET.includes(character)) return `contains "${character}", which a unified social credit code never has (no I, O, S, V, Z)`;
  }
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += CREDIT_CODE_CHARSET.indexOf(code[index]) * CREDIT_CODE_WEIGHTS[index];
  const expected = CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
  return code[17] === expected ? null : `has a wrong check character (the 18th should be ${expected}); check for a mistyped character`;
}

/** The check character a 17-character prefix needs (for making valid codes in demo data and tests). */
export function creditCodeCheckCharacter(prefix: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += CREDIT_CODE_CHARSET.indexOf(prefix[index]) * CREDIT_CODE_WEIGHTS[index];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

// Longest first, so 股份有限公司 goes before 有限公司 and 公司.
const NAME_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '有限公司',
  '股份公司',
  '分公司',
  '总公司',
  '集团',
  '公司',
  '厂',
  'co.,ltd.',
  'co.,ltd',
  'co.ltd',
  'coltd',
  'company limited',
  'corporation',
  'limited',
  'company',
  'group',
  'corp',
  'inc',
  'llc',
  'ltd',
  'co',
].map((suffix) => suffix.replace(/[\s.,]/g, ''));

const BRACKETS = /[()[\]{}<>（）【】〔〕［］｛｝《》〈〉「」『』]/g;
const NOISE = /[\s\p{P}\p{S}]/gu;

/**
 * The company name as duplicates are matched: full-width folded to half-width (NFKC),
 * lower case, brackets and punctuation and spaces removed, legal-form suffixes
 * (有限公司, 股份有限公司, 集团, Co., Ltd.) stripped from the end, repeatedly.
 * 「苏州精工（集团）有限公司」 and 「苏州精工 有限公司」 both give 「苏州精工」.
 */
export function companyNameKey(name: string): string {
  let key = name.normalize('NFKC').toLowerCase().replace(BRACKETS, '').replace(NOISE, '');
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of NAME_SUFFIXES) {
      if (key.length > suffix.length && key.endsWith(suffix)) {
        key = key.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
  }
  return key;
}

/**
 * The phone as matched: digits only, without a leading +86 / 0086 country code, so
 * 「+86 138-0013-8000」 and 「13800138000」 are one number. null when fewer than 7 digits remain.
 */
export function phoneKey(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const international = /^\s*(\+|00)/.test(phone.normalize('NFKC'));
  let digits = phone.normalize('NFKC').replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && (international || digits.length === 13)) digits = digits.slice(2);
  // Written internationally a landline drops its trunk 0 (+86 512 …); nationally it has it (0512 …).
  if (international && !digits.startsWith('1') && !digits.startsWith('0')) digits = `0${digits}`;
  return digits.length >= 7 ? digits : null;
}

/** Mail providers anyone can sign up with: sharing one says nothing about being one company. */
const PUBLIC_MAIL_DOMAINS = new Set([
  'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'sina.cn', 'sohu.com', 'aliyun.com', '139.com', '189.cn', 'wo.cn',
  'gmail.com', 'outlook.com', 'hotmail.com', 'live.com', 'yahoo.com', 'icloud.com', 'me.com', 'msn.com', 'proton.me', 'protonmail.com',
]);

/** The company's own mail domain, lower case; null for a public provider (qq.com, 163.com, gmail.com) or no address. */
export function emailDomain(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  const domain = email.slice(at + 1).trim().toLowerCase().normalize('NFKC');
  return domain && !PUBLIC_MAIL_DOMAINS.has(domain) ? domain : null;
}
