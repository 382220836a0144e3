// The JSON API's answers, by name. schema.d.ts is generated from the server's OpenAPI document
// (src/server/openapi.json) by `npm run gen:api`, and `npm run check:api` (scripts/test) fails
// when it is not current: a page reads exactly the shape the server documents and answers.
import type { components } from './schema';

export type Schemas = components['schemas'];

export type Problem = Schemas['Problem'];
export type FieldProblem = Problem['errors'][number];
export type Session = Schemas['Session'];
export type Person = Schemas['Person'];
export type CrisisLines = Schemas['CrisisLines'];
export type CrisisContact = CrisisLines['contacts'][number];

export type DrugCatalog = Schemas['DrugCatalog'];
export type Drug = DrugCatalog['drugs'][number];
export type Formulation = Drug['formulations'][number];
export type Instrument = Schemas['InstrumentCatalog']['instruments'][number];
export type CognitiveTest = Schemas['CognitiveTest'];

export type Regimen = Schemas['Regimen'];
export type RegimenRecord = Schemas['RegimenRecord'];
export type RegimenAnswer = Schemas['RegimenAnswer'];
export type DoseInForce = NonNullable<Schemas['DoseInForce']>;
export type DescribedRegimen = DoseInForce['regimen'];

export type Plan = Schemas['Plan'];
export type PlanStep = Plan['steps'][number];
export type PlanDose = PlanStep['doses'][number];
export type DosePart = PlanDose['parts'][number];
export type PharmacyLine = Plan['pharmacy']['total'][number];
export type PlanAlternative = Plan['alternatives'][number];
export type Finding = Schemas['Finding'];
export type PreviewFinding = Schemas['PreviewFinding'];
export type PlanPreview = Schemas['PlanPreview'];
export type PlanSeries = Schemas['PlanSeries'];
export type PlanBand = Schemas['PlanBand'];
export type PlanBandSeries = Schemas['PlanBandSeries'];
export type PlanVersions = Schemas['PlanVersions'];
export type PlanVersion = Schemas['PlanVersion'];
export type PlanVersionSummary = Schemas['PlanVersionSummary'];
export type PlanVersionSaved = Schemas['PlanVersionSaved'];

export type Today = Schemas['Today'];
export type TodayDose = Today['doses'][number];
export type DoseLog = Schemas['DoseLog'];
export type Pause = Schemas['Pause'];
export type RecoveryToday = Schemas['RecoveryToday'];
export type Decision = Schemas['Decision'];
export type CheckInResult = Schemas['CheckInResult'];
export type CheckInList = Schemas['CheckInList'];
export type CheckInScore = CheckInResult['score'];
export type QuestionnaireResult = Schemas['QuestionnaireResult'];
export type QuestionnaireList = Schemas['QuestionnaireList'];
export type ResumeResult = Schemas['ResumeResult'];

export type Progress = Schemas['Progress'];
export type Recovery = Schemas['Recovery'];
export type RecoveryMeasures = Schemas['RecoveryMeasures'];
export type Insights = Schemas['Insights'];
export type CognitiveSessionList = Schemas['CognitiveSessionList'];
export type CognitiveSessionResult = Schemas['CognitiveSessionResult'];
export type CalendarSubscriptionAnswer = Schemas['CalendarSubscriptionAnswer'];
export type CalendarSubscriptionCreated = Schemas['CalendarSubscriptionCreated'];
export type ImportCounts = Schemas['ImportCounts'];
