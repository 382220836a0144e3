// The clinician routes' answers (docs/api.md, clinicians), by name: the server's OpenAPI document
// (schema.d.ts), as api/types.ts does for the rest.
import type { Schemas } from '../api/types';

export type LinkCode = Schemas['ClinicianLinkCode'];
export type LinkedClinician = Schemas['LinkedClinician'];
export type LinkedClinicianList = Schemas['LinkedClinicianList'];
export type AccessEntry = Schemas['AccessLogEntry'];
export type AccessLog = Schemas['AccessLog'];
export type LinkedPerson = Schemas['ClinicianLinked'];
export type DashboardRow = Schemas['DashboardRow'];
export type DashboardScore = NonNullable<DashboardRow['phq9']>;
export type Attention = DashboardRow['attention'];
export type Dashboard = Schemas['ClinicianDashboard'];
export type DecisionReview = Schemas['DecisionReview'];
export type ReviewedDecision = Schemas['Decision'];
export type ReviewRequest = Schemas['DecisionReviewRequest'];
export type ReviewAnswer = Schemas['DecisionReviewed'];
