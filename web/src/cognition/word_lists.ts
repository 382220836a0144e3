// Alternate word lists of equal make-up (12 common, concrete, one- or two-syllable nouns from
// different categories), drawn at random so that practice with one list does not look like
// recovery on the next.
export const WORD_LISTS: string[][] = [
  ['apple', 'river', 'candle', 'horse', 'pencil', 'garden', 'button', 'tiger', 'window', 'bread', 'mirror', 'cloud'],
  ['lemon', 'bridge', 'basket', 'rabbit', 'hammer', 'forest', 'pocket', 'eagle', 'carpet', 'cheese', 'ladder', 'storm'],
  [
    'cherry',
    'valley',
    'bottle',
    'sheep',
    'brush',
    'island',
    'ribbon',
    'whale',
    'curtain',
    'honey',
    'wallet',
    'thunder',
  ],
  [
    'orange',
    'mountain',
    'kettle',
    'donkey',
    'needle',
    'meadow',
    'jacket',
    'parrot',
    'blanket',
    'butter',
    'shovel',
    'rainbow',
  ],
];

// A list other than the one used last time, when there is a choice.
export function pickList(rng: () => number, lastIndex: number | null): number {
  const choices = WORD_LISTS.map((_, i) => i).filter((i) => i !== lastIndex);
  return choices[Math.floor(rng() * choices.length)];
}
