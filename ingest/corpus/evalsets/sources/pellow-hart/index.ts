import type { EvalCorpus } from "../types";
import { clientDataHandling } from "./client-data-handling";
import { healthBenefits } from "./health-benefits";
import { itAcceptableUse } from "./it-acceptable-use";
import { staffHandbook } from "./staff-handbook";
import { travelAndExpenses } from "./travel-and-expenses";

/** Pellow Hart Partnership LLP: an invented architecture and engineering practice of about 380 people, four studios. */
export const pellowHart: EvalCorpus = {
  name: "pellow-hart",
  company: "Pellow Hart Partnership LLP",
  documents: [staffHandbook, itAcceptableUse, travelAndExpenses, clientDataHandling, healthBenefits],
};
