import { describe, expect, it } from "vitest";
import { isPointerSentence } from "./pointers";

describe("isPointerSentence", () => {
  it("knows sentences that only say where an answer is", () => {
    for (const s of [
      "See also: Travel policy, Expenses policy",
      "For more information see section 4.2.",
      "For more information, see the Travel Booking Guide and the Expenses Policy.",
      "Related policies: Information Security Policy; Acceptable Use Policy",
      "Details are set out in Appendix B.",
      "Links: https://intranet.example.com/travel https://intranet.example.com/expenses",
      "https://intranet.example.com/hr/leave",
      "If in doubt, refer to section 7 of the Employee Handbook.",
      "(See clause 12.)",
      "Visit www.example.com/benefits for details.",
    ])
      expect([s, isPointerSentence(s)]).toEqual([s, true]);
  });

  it("keeps sentences that state something, a reference beside it or not", () => {
    for (const s of [
      "Claims above 500 EUR need the finance director's approval (see section 4.2).",
      "Employees may carry over 5 days; see the Leave policy.",
      "See Appendix B for the mileage rate of 45p per mile.",
      "Visit Occupational Health after any injury at work.",
      "Approver: Finance Director",
      "The standard limit is 3,000 per month.",
      "Book trains at https://travel.example.com at least 14 days ahead.",
      "More information is available from your line manager.",
      "Contact the People Team about parental leave.",
    ])
      expect([s, isPointerSentence(s)]).toEqual([s, false]);
  });
});
