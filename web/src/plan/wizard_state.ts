// What the plan wizard has gathered so far, shared by its steps.
import type { PlanPreview } from '../api/types';
import { Drug, DoseEntry, Formulation, StrategyChoice } from './regimen';
import { DoseInForce, GoBack } from './dose_in_force';

export interface WizardState {
  drugs: Drug[];
  drugId: string;
  doses: DoseEntry[];
  weeksOnRegimen?: number;
  regimenText?: string;
  useDefaultFormulations: boolean;
  formulations: Formulation[]; // chosen, when not the defaults (any drug)
  strategy: StrategyChoice;
  preview?: PlanPreview;
  // The country whose products the plan uses ("US", "UK": countries.ts); undefined until the
  // first step has looked at the profile.
  country?: string;
  countryDrugs?: { country: string; drugs: Drug[] }; // GET /drugs?country= for that country
  formulationsCountry?: string; // the country of the ticked products
  // The alternative picked in the preview, for the options it was offered with (the same
  // options' body without "alternative"); other options get the planner's own choice.
  alternative?: { number: number; optionsKey: string };
  // The dose in force today (GET /plans): the form starts from it and never goes above it.
  inForce?: DoseInForce;
  // The explicit choice to go back up to the previous step, with the reason.
  goBack?: GoBack;
}

export interface WizardStep {
  title: string;
  render(container: HTMLElement, state: WizardState): void;
  // Checks and stores what the step needs; false keeps the person on the step.
  leave?(state: WizardState): boolean | Promise<boolean>;
}
