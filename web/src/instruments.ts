// The instrument registry (GET /instruments): PHQ-9, GAD-7 and the daily symptom checklist, each
// item with its own answer options.
import { api } from './api';
import type { Instrument, Schemas } from './api/types';

export type { Instrument };

let cache: Promise<Instrument[]> | null = null;

export function instruments(): Promise<Instrument[]> {
  if (!cache) {
    cache = api.get<Schemas['InstrumentCatalog']>('/instruments').then((a) => a.instruments);
    cache.catch(() => {
      cache = null;
    });
  }
  return cache;
}

export async function instrument(id: string): Promise<Instrument | undefined> {
  return (await instruments()).find((i) => i.id === id);
}
