// What the plan wizard has gathered so far, shared by its steps.
import { Drug, DoseEntry, Formulation, StrategyChoice } from './regimen';
import { Finding, PlanDoc } from './calendar';

export interface PreviewAnswer {
  plan?: PlanDoc;
  table?: string;
  findings?: Finding[];
  series?: unknown;
  abrupt?: unknown;
}

export interface WizardState {
  drugs: Drug[];
  drugId: string;
  doses: DoseEntry[];
  weeksOnRegimen?: number;
  regimenText?: string;
  useDefaultFormulations: boolean;
  formulations: Formulation[]; // chosen, when not the defaults (any drug)
  strategy: StrategyChoice;
  preview?: PreviewAnswer;
}

export interface WizardStep {
  title: string;
  render(container: HTMLElement, state: WizardState): void;
  // Checks and stores what the step needs; false keeps the person on the step.
  leave?(state: WizardState): Promise<boolean>;
}
