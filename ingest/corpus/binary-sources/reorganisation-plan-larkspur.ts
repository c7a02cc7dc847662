import type { BinaryDocument } from "./types";

export const reorganisationPlanLarkspur: BinaryDocument = {
  path: "hr/reorganisation-plan-larkspur.pdf",
  title: "Project Larkspur - Customer Operations Reorganisation Plan",
  owner: "Chief People Officer (people@quillfeather.example)",
  effectiveDate: "2026-10-20",
  subject: "Strictly confidential plan to merge Customer Success and Customer Support",
  keywords: ["hr", "reorganisation", "confidential", "larkspur"],
  body: `
# Project Larkspur - Customer Operations Reorganisation Plan

STRICTLY CONFIDENTIAL - People Team and leadership only. Do not forward. Reference: QF-CANARY-LARKSPUR-2209.
Nothing in this plan may be discussed with affected employees before the announcement on 12 January 2027.

## 1. Summary

Customer Success (38 people) and Customer Support (46 people) will be merged into a single Customer Operations
organisation of 77 roles, led by a new VP Customer Operations, effective 1 February 2027. The merger removes
duplicate work on renewals and escalations, gives customers one team to talk to, and reduces cost to serve by about
12%. The board noted the plan on 8 October 2026.

## 2. Current and future structure

| Team | Today (people) | After Larkspur (roles) | Change |
|---|---|---|---|
| Customer Support - Tier 1 | 24 | 22 | -2 |
| Customer Support - Tier 2 | 14 | 14 | 0 |
| Support leadership (leads, managers, duty managers) | 8 | 6 | -2 |
| Customer Success Managers | 30 | 28 | -2 |
| Customer Success operations and leadership | 8 | 4 | -4 |
| New: Renewals desk | 0 | 3 | +3 |
| Total | 84 | 77 | -7 |

## 3. Roles at risk

Eleven roles are at risk in the consultation. We expect 7 redundancies; four at-risk employees are expected to move
into new roles in the Renewals desk or the Tier 2 team, subject to selection. The Kestrel Falls support hub stays open;
its team lead role moves to the merged leadership pool.

## 4. Timeline

| Date | Step |
|---|---|
| 15 December 2026 | Announcement plan circulated to directors |
| 5 January 2027 | Briefing for affected managers (under NDA) |
| 12 January 2027 | All-hands announcement; individual meetings with at-risk employees the same day |
| 12 January to 11 February 2027 | Collective consultation, 30 days |
| 1 February 2027 | New Customer Operations structure takes effect for unaffected roles |
| 15 February 2027 | Selection outcomes communicated |
| 28 February 2027 | Last working day for redundant roles (garden leave from notice date if preferred) |

## 5. Severance and support

- Severance: 4 weeks' base salary plus 2 weeks for each full year of service, capped at 26 weeks, on top of
  contractual notice.
- Accrued annual leave paid in full; health insurance continued for 3 months after the leaving date.
- Outplacement support for 3 months and the Employee Assistance Programme for everyone affected.
- At-risk employees may apply for any open role with priority consideration; 12 open roles in the FY2027 plan are
  reserved for internal candidates until 28 February 2027.
- Estimated one-off cost: about $0.9M in severance and transition.

## 6. Selection criteria

Selection for the remaining roles uses objective criteria agreed with employee representatives at the start of
consultation: skills and certifications for the new role (40%), the last two performance ratings (30%), and a
structured interview (30%). Length of service, parental leave, sickness absence and part-time status are not used.

## 7. Communication principles

- Affected employees hear the news from their manager and an HR business partner in person (or by video for
  remote-first employees) before anyone else.
- Customers are told by their account team that their contact may change, not why; talking points are prepared by
  Communications.
- Anyone who learns of the plan early must keep it confidential; leaks are handled under the Code of Conduct.

## 8. Risks

| Risk | Mitigation |
|---|---|
| Loss of key Tier 2 engineers | Retention bonus of 15% of salary for 6 named people, paid on 30 June 2027 |
| CSAT drop during transition | Duty Manager rota unchanged until April 2027; weekly CSAT review |
| Renewals slip in Q1 | Renewals desk staffed before the announcement from existing CSM capacity |
| Early leak | Need-to-know list of 14 people; documents only in the restricted HR folder |

## 9. Decision owners

Chief People Officer (overall), VP Customer Support (Support design), VP Sales (Customer Success design), CFO (budget),
General Counsel (consultation compliance).
`,
};
