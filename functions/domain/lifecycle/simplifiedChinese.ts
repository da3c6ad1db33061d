/**
 * Traditional → Simplified Chinese, character by character, from a table generated with OpenCC (`opencc-js`, Hong Kong
 * → mainland) by `npx tsx bench/trainCrisisModel.ts --write`. The table holds the characters the crisis lexicon and the
 * crisis model's training rows use, not OpenCC's whole dictionary: OpenCC's converter would add about 200 kB to the
 * acknowledgement function, over its bundle budget. Used to write the lexicon once (in Traditional) and to let the
 * two scripts share the model's features.
 */
import { SIMPLIFIED_PAIRS } from './simplifiedChinese.generated';

const SIMPLIFIED_OF = new Map<string, string>();
{
  const chars = [...SIMPLIFIED_PAIRS];
  for (let i = 0; i + 1 < chars.length; i += 2) SIMPLIFIED_OF.set(chars[i] as string, chars[i + 1] as string);
}

export function toSimplified(text: string): string {
  let out = '';
  for (const char of text) out += SIMPLIFIED_OF.get(char) ?? char;
  return out;
}
