import { brightwaterMutualAmendment1 } from "./brightwater-mutual-amendment-1";
import { codeOfConduct } from "./code-of-conduct";
import { corvidFreightOrderForm } from "./corvid-freight-order-form";
import { dataClassificationPolicy } from "./data-classification-policy";
import { dataProcessingAddendum } from "./data-processing-addendum";
import { devicePolicy } from "./device-policy";
import { disciplinaryProcedure } from "./disciplinary-procedure";
import { masterSubscriptionAgreement } from "./master-subscription-agreement";
import { mutualNdaTemplate } from "./mutual-nda-template";
import { outageCommunicationRunbook } from "./outage-communication-runbook";
import { parentalLeaveGuide } from "./parental-leave-guide";
import { projectKingfisherAcquisition } from "./project-kingfisher-acquisition";
import { refundHandling } from "./refund-handling";
import { reorganisationPlanLarkspur } from "./reorganisation-plan-larkspur";
import type { BinaryDocument } from "./types";

export const binaryDocuments: BinaryDocument[] = [
  codeOfConduct,
  dataClassificationPolicy,
  reorganisationPlanLarkspur,
  masterSubscriptionAgreement,
  dataProcessingAddendum,
  corvidFreightOrderForm,
  outageCommunicationRunbook,
  parentalLeaveGuide,
  devicePolicy,
  disciplinaryProcedure,
  mutualNdaTemplate,
  brightwaterMutualAmendment1,
  refundHandling,
  projectKingfisherAcquisition,
];
