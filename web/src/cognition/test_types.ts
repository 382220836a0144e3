// What every memory and attention test provides to the tests page.

export interface TestResult {
  score: number | null;
  [detail: string]: unknown;
}

export interface CognitiveTest {
  id: string;
  name: string;
  minutes: string; // "3", "about 2"
  instructions: string[];
  // Runs the test inside `stage`; resolves with the result, or rejects with Aborted.
  run(stage: HTMLElement, signal: AbortSignal): Promise<TestResult>;
  available?(): string | null; // a reason the test cannot be taken now
}
