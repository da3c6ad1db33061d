/**
 * The language an emailed complaint is answered in, proposed from its text
 * (staff can correct it). Han text is Traditional or Simplified by which of
 * the two scripts' distinctive characters it uses more; text with little Han
 * is English. A small table of the most frequent characters that differ
 * between the scripts decides almost every real message: a full conversion
 * dictionary (OpenCC) would add about a megabyte to the function for no
 * better answer on complaint-sized text.
 */
import type { Language } from '../vocabulary';

// Frequent characters whose Traditional and Simplified forms differ, pair by pair (same position in both strings).
const TRADITIONAL = '們這個來時會說對後開關點門電燈梯樓層廳車場處話問題沒還讓從氣發現經過總務護區號單請謝應該給幾隻邊壞漏聲響維修費業準備與為動態專員聽見覺淨潔髮東西買賣錢導難辦實際樣當歡帶臺環報舉議權滿換歲醫'
const SIMPLIFIED = '们这个来时会说对后开关点门电灯梯楼层厅车场处话问题没还让从气发现经过总务护区号单请谢应该给几只边坏漏声响维修费业准备与为动态专员听见觉净洁发东西买卖钱导难办实际样当欢带台环报举议权满换岁医'

const traditionalOnly = new Set<string>();
const simplifiedOnly = new Set<string>();
for (const [i, t] of Array.from(TRADITIONAL).entries()) {
  const s = Array.from(SIMPLIFIED)[i];
  if (s && s !== t) {
    traditionalOnly.add(t);
    simplifiedOnly.add(s);
  }
}

const HAN = /\p{Script=Han}/u;

export function proposeLanguage(text: string, fallback: Language = 'en'): Language {
  let han = 0;
  let letters = 0;
  let traditional = 0;
  let simplified = 0;
  for (const char of text) {
    if (HAN.test(char)) {
      han += 1;
      if (traditionalOnly.has(char)) traditional += 1;
      else if (simplifiedOnly.has(char)) simplified += 1;
    } else if (/\p{L}/u.test(char)) letters += 1;
  }
  // A Chinese message quoting an English signature is still Chinese: a few Han characters per word of Latin text is enough.
  if (han === 0 || han * 4 < letters / 5) return letters > 0 ? 'en' : fallback;
  if (simplified > traditional) return 'zh-Hans';
  if (traditional > simplified) return 'zh-Hant';
  return fallback === 'en' ? 'zh-Hant' : fallback;
}
