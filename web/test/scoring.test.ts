import { describe, expect, it } from 'vitest';
import {
  correctedRate,
  countSignals,
  dPrime,
  nextSpan,
  normalQuantile,
  PVT_LAPSE_MS,
  scoreChoiceRt,
  scorePvt,
  scoreRecall,
  spanCorrect,
  spanSequence,
  startSpan,
  twoBackSequence,
} from '../src/cognition/scoring';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('normalQuantile', () => {
  it('matches known z values', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959964, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
  });
  it('rejects 0 and 1', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe("d' with the 1/(2N) correction", () => {
  it('moves rates of 0 and 1 inwards by 1/(2N)', () => {
    expect(correctedRate(0, 10)).toBeCloseTo(0.05, 12);
    expect(correctedRate(10, 10)).toBeCloseTo(0.95, 12);
    expect(correctedRate(3, 10)).toBeCloseTo(0.3, 12);
  });
  it('is finite for a perfect run', () => {
    // 10/10 hits (H = 0.95) and 0/20 false alarms (F = 0.025).
    const d = dPrime({ hits: 10, misses: 0, false_alarms: 0, correct_rejections: 20 });
    expect(d).toBeCloseTo(normalQuantile(0.95) - normalQuantile(0.025), 9);
    expect(d).toBeCloseTo(1.644854 + 1.959964, 4);
  });
  it('is zero when hits and false alarms are equally likely', () => {
    expect(dPrime({ hits: 5, misses: 5, false_alarms: 10, correct_rejections: 10 })).toBeCloseTo(0, 9);
  });
  it('matches a textbook value', () => {
    // H = 0.8, F = 0.2: d' = 2 * 0.8416
    expect(dPrime({ hits: 8, misses: 2, false_alarms: 4, correct_rejections: 16 })).toBeCloseTo(1.683242, 5);
  });
  it('counts signals from the third item on', () => {
    const isTarget = [false, false, true, false, true, false];
    const responded = [true, false, true, true, false, false];
    expect(countSignals(isTarget, responded)).toEqual({ hits: 1, misses: 1, false_alarms: 1, correct_rejections: 1 });
  });
  it('builds sequences whose targets match two back', () => {
    const { items, isTarget } = twoBackSequence(200, 1 / 3, seeded(7));
    items.forEach((it, i) => {
      if (i < 2) expect(isTarget[i]).toBe(false);
      else expect(isTarget[i]).toBe(it === items[i - 2]);
    });
    const share = isTarget.filter(Boolean).length / 198;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.5);
  });
});

describe('digit span stopping rule', () => {
  it('grows after a correct answer and stops after two errors at a length', () => {
    let s = startSpan(3);
    s = nextSpan(s, true); // 3 ok
    expect(s.length).toBe(4);
    s = nextSpan(s, false); // 4 wrong once
    expect(s.done).toBe(false);
    expect(s.length).toBe(4);
    s = nextSpan(s, true); // 4 ok
    expect(s.length).toBe(5);
    expect(s.longestCorrect).toBe(4);
    s = nextSpan(s, false);
    s = nextSpan(s, false); // two errors at 5
    expect(s.done).toBe(true);
    expect(s.longestCorrect).toBe(4);
    expect(s.trials).toHaveLength(5);
    expect(nextSpan(s, true)).toBe(s); // nothing after the end
  });
  it('scores 0 when the first length fails twice', () => {
    let s = startSpan(2);
    s = nextSpan(nextSpan(s, false), false);
    expect(s.done).toBe(true);
    expect(s.longestCorrect).toBe(0);
  });
  it('ends at the longest length offered', () => {
    let s = startSpan(9);
    s = nextSpan(s, true, 10);
    s = nextSpan(s, true, 10);
    expect(s.done).toBe(true);
    expect(s.longestCorrect).toBe(10);
  });
  it('checks answers forward and backward', () => {
    expect(spanCorrect([3, 8, 1], '381', false)).toBe(true);
    expect(spanCorrect([3, 8, 1], '3 8 1', false)).toBe(true);
    expect(spanCorrect([3, 8, 1], '183', false)).toBe(false);
    expect(spanCorrect([3, 8, 1], '183', true)).toBe(true);
    expect(spanCorrect([3, 8, 1], '38', false)).toBe(false);
  });
  it('makes sequences of 1-9 with no digit twice in a row', () => {
    const seq = spanSequence(50, seeded(3));
    expect(seq).toHaveLength(50);
    seq.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(1);
      expect(d).toBeLessThanOrEqual(9);
      if (i) expect(d).not.toBe(seq[i - 1]);
    });
  });
});

describe('PVT-B', () => {
  it('counts lapses at 355 ms and over, and false starts', () => {
    const r = scorePvt(
      [
        { rt_ms: 250 },
        { rt_ms: PVT_LAPSE_MS - 1 },
        { rt_ms: PVT_LAPSE_MS }, // a lapse
        { rt_ms: 600 }, // a lapse
        { rt_ms: 80 }, // faster than 100 ms: a false start
        { rt_ms: null, timeout_ms: 10000 }, // no response: a lapse
      ],
      2, // presses before any stimulus
    );
    expect(r.lapses).toBe(3);
    expect(r.false_starts).toBe(3);
    expect(r.valid_trials).toBe(5);
  });
  it('scores mean 1/RT in 1/s', () => {
    const r = scorePvt([{ rt_ms: 200 }, { rt_ms: 250 }, { rt_ms: 500 }], 0);
    expect(r.mean_reciprocal_rt).toBeCloseTo((5 + 4 + 2) / 3, 4);
    expect(r.score).toBe(r.mean_reciprocal_rt);
    expect(r.median_rt_ms).toBe(250);
  });
  it('gives 0 with no valid responses', () => {
    expect(scorePvt([], 3)).toMatchObject({ score: 0, false_starts: 3, lapses: 0 });
  });
});

describe('choice reaction time', () => {
  it('averages log10 RT over correct trials only', () => {
    const r = scoreChoiceRt([
      { rt_ms: 100, correct: true },
      { rt_ms: 1000, correct: true },
      { rt_ms: 300, correct: false },
      { rt_ms: 50, correct: true }, // anticipation
    ]);
    expect(r.mean_log10_rt).toBeCloseTo(2.5, 9);
    expect(r.mean_rt_ms).toBe(550);
    expect(r.correct).toBe(2);
    expect(r.errors).toBe(1);
    expect(r.anticipations).toBe(1);
  });
  it('has no score without a correct trial', () => {
    expect(scoreChoiceRt([{ rt_ms: 400, correct: false }]).score).toBeNull();
  });
});

describe('word recall', () => {
  it('counts each listed word once, ignoring case, punctuation and plurals', () => {
    const r = scoreRecall(['apple', 'river', 'candle'], 'Apple, apples river. banana candles');
    expect(r.score).toBe(3);
    expect(r.intrusions).toEqual(['banana']);
  });
});
