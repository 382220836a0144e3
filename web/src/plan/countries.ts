// The countries whose products taperlab lists (GET /drugs?country=, the plan's "country"). The
// catalogue says "UK" where profiles and the crisis lines use the ISO code "GB".

export const PLAN_COUNTRIES: [string, string][] = [
  ['US', 'United States'],
  ['UK', 'United Kingdom'],
  ['IE', 'Ireland'],
  ['CA', 'Canada'],
  ['AU', 'Australia'],
  ['DE', 'Germany'],
  ['FR', 'France'],
  ['NL', 'Netherlands'],
  ['ES', 'Spain'],
  ['IT', 'Italy'],
];

// A profile's country as one of PLAN_COUNTRIES' codes, or '' when taperlab lists none for it.
export function planCountry(code: string | undefined | null): string {
  let c = (code ?? '').trim().toUpperCase();
  if (c === 'GB') c = 'UK';
  return PLAN_COUNTRIES.some(([k]) => k === c) ? c : '';
}

export function countryName(code: string | undefined | null): string {
  const c = planCountry(code);
  return PLAN_COUNTRIES.find(([k]) => k === c)?.[1] ?? (code || 'your country');
}

// "in the United States", "in Germany".
export function inCountry(code: string | undefined | null): string {
  const c = planCountry(code);
  const name = countryName(code);
  return ['US', 'UK', 'NL'].includes(c) ? `in the ${name}` : `in ${name}`;
}
