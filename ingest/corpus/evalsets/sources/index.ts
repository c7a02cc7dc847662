import { benefitsPlanGuide } from "./benefits-plan-guide";
import { depotHealthAndSafety } from "./depot-health-and-safety";
import { employeeHandbook } from "./employee-handbook";
import { informationSecurityPolicy } from "./information-security-policy";
import { procurementAndExpenses } from "./procurement-and-expenses";
import { pellowHart } from "./pellow-hart/index";
import type { EvalCorpus } from "./types";

/** Marrowby Logistics Ltd: an invented haulage and warehousing firm of about 1,150 people with four depots. */
export const marrowbyLogistics: EvalCorpus = {
  name: "marrowby-logistics",
  company: "Marrowby Logistics Ltd",
  documents: [
    employeeHandbook,
    benefitsPlanGuide,
    informationSecurityPolicy,
    procurementAndExpenses,
    depotHealthAndSafety,
  ],
};

export const evalCorpora: EvalCorpus[] = [marrowbyLogistics, pellowHart];
