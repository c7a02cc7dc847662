import type { BinaryDocument } from "./types";

export const corvidFreightOrderForm: BinaryDocument = {
  path: "legal/customers/corvid-freight-order-form.pdf",
  title: "Order Form QF-OF-2026-0009 - Corvid Freight Partners",
  owner: "Commercial Legal (contracts@quillfeather.example)",
  effectiveDate: "2026-01-15",
  subject: "Business plan subscription for Corvid Freight Partners",
  keywords: ["legal", "contract", "customer", "corvid", "order form"],
  body: `
# Order Form QF-OF-2026-0009 - Corvid Freight Partners

This Order Form is placed under the Master Subscription Agreement between Quillfeather Labs ("Quillfeather") and
Corvid Freight Partners B.V. ("Customer" or "Corvid") dated 9 January 2026 (the "MSA"). Except as stated below, the
MSA and its schedules (Schedule 2 Service Level Agreement and Schedule 3 Data Processing Addendum) apply unchanged.

## 1. Customer details

| Field | Detail |
|---|---|
| Legal name | Corvid Freight Partners B.V. |
| Registered address | Havenkade 31, Velsmond |
| Finance contact | Group Financial Controller |
| Notices | The Customer's legal department, at the address above |
| Purchase order | PO-CFP-2026-0117 |

## 2. Subscription

| Item | Detail |
|---|---|
| Plan | Quillfeather Ledger - Business plan |
| Modules | Approvals, Close Binder, Evidence Vault, Ledger Connect (ERP connector) |
| Users | 120 named users |
| Subscription term | 24 months, from 15 January 2026 to 14 January 2028 |
| Hosting region | EU-Central |
| Service level | Premium (99.9% monthly uptime), as set out in Schedule 2 |
| Single sign-on | SAML SSO included; SSO enforced from go-live |

## 3. Fees

| Line | Quantity | Unit price | Annual amount |
|---|---|---|---|
| Business plan, per user per month | 120 users | $58.00 list, $52.20 after 10% discount | $75,168.00 |
| Onboarding package (one-off, first year only) | 1 | $6,500.00 | $6,500.00 |
| Total first year | | | $81,668.00 |
| Total second year | | | $75,168.00 |

- The 10% discount applies for the initial 24-month term only. On renewal, list price at that time applies unless the
  parties agree otherwise.
- Additional users during the term: $52.20 per user per month, prorated to the next anniversary date.

## 4. Invoicing and payment

Fees are invoiced annually in advance on 15 January. Payment terms are net 30 days from invoice date, as in the MSA.
Invoices are sent by email to the finance contact and must quote the purchase order number.

## 5. Renewal

The subscription renews for 12 months at a time unless either party gives notice of non-renewal at least 60 days
before the end of the current term, as in the MSA.

## 6. Onboarding

The onboarding package covers: a kick-off workshop; configuration of up to 5 approval chains; connection of one ERP
through Ledger Connect; migration of up to 10,000 historical documents into Evidence Vault; and two training sessions
for administrators. Onboarding is planned to finish within 8 weeks of the start date. Additional configuration work is
charged at $1,600 per consultant day.

## 7. Data protection

Corvid's workspace is hosted in EU-Central. Quillfeather's Data Processing Addendum version 2025.1 applies, including
the Standard Contractual Clauses for any access from outside the European Economic Area (for example, follow-the-sun
support). Corvid has been given notice of the sub-processor Tessellate OCR GmbH (added May 2026) and has not objected.

## 8. Special conditions

None. All other terms are as in the MSA.

## 9. Signatures

| For Quillfeather Labs | For Corvid Freight Partners B.V. |
|---|---|
| Name: Priya Ramanathan | Name: (Managing Director) |
| Title: Chief Financial Officer | Title: Managing Director |
| Date: 12 January 2026 | Date: 13 January 2026 |
`,
};
