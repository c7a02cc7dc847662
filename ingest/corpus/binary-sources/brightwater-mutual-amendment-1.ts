import type { BinaryDocument } from "./types";

export const brightwaterMutualAmendment1: BinaryDocument = {
  path: "legal/customers/brightwater-mutual-amendment-1.docx",
  title: "Amendment No. 1 to Order Form QF-OF-2025-0147 (Brightwater Mutual)",
  owner: "Commercial Legal (contracts@quillfeather.example)",
  effectiveDate: "2026-03-01",
  subject: "Additional users, named contacts and customer success manager for Brightwater Mutual",
  keywords: ["legal", "contract", "customer", "brightwater", "amendment"],
  body: `
# Amendment No. 1 to Order Form QF-OF-2025-0147

Contract reference QF-AM-2026-0031. This Amendment is made between Quillfeather Labs ("Quillfeather") and Brightwater
Mutual Credit Union ("Brightwater") and amends Order Form QF-OF-2025-0147 dated 18 June 2025 (the "Order Form"),
placed under the Master Subscription Agreement between the parties. It takes effect on 1 March 2026 (the "Amendment
Effective Date").

## Background

Brightwater is rolling out Quillfeather Ledger to its regional branches' finance teams and its internal audit
department. It requires additional users and more support contacts, and has asked for a dedicated customer success
manager.

## 1. Additional users

1.1 The number of named users increases by 150, from 850 to 1,000 users, from the Amendment Effective Date.

1.2 The additional users are charged at $42 per user per month, the rate in the Order Form.

| Period | Calculation | Amount |
|---|---|---|
| 1 March 2026 to 30 June 2026 (prorated) | 150 users x $42 x 4 months | $25,200 |
| Each following contract year (1 July to 30 June) | 150 users x $42 x 12 months | $75,600 |
| New total annual fee from 1 July 2026 | $412,000 + $75,600 | $487,600 |

1.3 The prorated amount is invoiced on the Amendment Effective Date and payable net 45 days, as in the Order Form.

## 2. Named support contacts

The number of named support contacts who may open Severity 1 tickets by phone increases from 6 to 8. Brightwater
notifies changes to its named contacts in writing to support@quillfeather.example; changes take effect within 2
business days.

## 3. Dedicated customer success manager

Quillfeather assigns a dedicated customer success manager to Brightwater at no additional charge for the rest of the
subscription term. The customer success manager holds a monthly operational meeting with Brightwater's Head of Finance
Systems, in addition to the quarterly service review in the Order Form.

## 4. Service levels

The special service credits in Section 5 of the Order Form (15%, 30% and 50%) continue to apply to the whole
subscription, including the additional users. No other change is made to the service levels.

## 5. Evidence Vault storage

Included Evidence Vault storage increases from 20 TB to 24 TB. Additional storage remains at $350 per TB per month.

## 6. Renewal

The renewal terms in Section 4 of the Order Form apply to the total annual fee of $487,600, including the cap of 5% on
the first renewal increase.

## 7. Everything else

Except as amended here, the Order Form and the Master Subscription Agreement remain unchanged and in full force. If
this Amendment conflicts with the Order Form, this Amendment prevails.

## Signatures

| For Quillfeather Labs | For Brightwater Mutual Credit Union |
|---|---|
| Odile Marchetti, General Counsel | Chief Operating Officer |
| Signed 24 February 2026 | Signed 26 February 2026 |
`,
};
