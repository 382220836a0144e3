// The instrument registry (GET /instruments): PHQ-9, GAD-7 and the daily symptom checklist.
import { api } from './api';

export interface Option {
  value: number;
  label: string;
}

export interface Item {
  id?: string;
  text: string;
  options: Option[];
}

export interface Instrument {
  id: string;
  name: string;
  full_name?: string;
  instructions?: string;
  recall?: string;
  recall_period?: string;
  validated?: boolean;
  validation_note?: string;
  licence?: unknown;
  items: Item[];
}

interface RawInstrument extends Omit<Instrument, 'items'> {
  items: { id?: string; text: string; options?: Option[] }[];
  response_options?: Option[];
}

let cache: Promise<Instrument[]> | null = null;

// Items carry their own options in the API; the data files keep one shared list.
export function normalise(raw: RawInstrument): Instrument {
  return {
    ...raw,
    items: (raw.items ?? []).map((item) => ({ ...item, options: item.options ?? raw.response_options ?? [] })),
  };
}

export function instruments(): Promise<Instrument[]> {
  if (!cache) {
    cache = api.get<{ instruments: RawInstrument[] }>('/instruments').then((a) => (a.instruments ?? []).map(normalise));
    cache.catch(() => {
      cache = null;
    });
  }
  return cache;
}

export async function instrument(id: string): Promise<Instrument | undefined> {
  return (await instruments()).find((i) => i.id === id);
}

export function licenceText(licence: unknown): string {
  if (typeof licence === 'string') return licence;
  if (licence && typeof licence === 'object') {
    const l = licence as Record<string, unknown>;
    return String(l.text ?? l.summary ?? l.name ?? l.terms ?? '');
  }
  return '';
}
