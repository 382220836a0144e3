// All memory and attention tests, in the order offered.
import { choiceRt } from './choice_rt';
import { digitSpanBackward, digitSpanForward } from './digit_span';
import { pvt } from './pvt';
import { symbolDigit } from './symbol_digit';
import { CognitiveTest } from './test_types';
import { twoBack } from './two_back';
import { wordListDelayed, wordListImmediate } from './word_list';

export const TESTS: CognitiveTest[] = [
  pvt,
  choiceRt,
  digitSpanForward,
  digitSpanBackward,
  twoBack,
  symbolDigit,
  wordListImmediate,
  wordListDelayed,
];

export function testById(id: string): CognitiveTest | undefined {
  return TESTS.find((t) => t.id === id);
}
