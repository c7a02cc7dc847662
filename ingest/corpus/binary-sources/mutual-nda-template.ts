import type { BinaryDocument } from "./types";

export const mutualNdaTemplate: BinaryDocument = {
  path: "legal/mutual-nda-template.docx",
  title: "Mutual Non-Disclosure Agreement (Template QF-NDA-M)",
  owner: "Legal (legal@quillfeather.example)",
  effectiveDate: "2025-09-01",
  subject: "Standard mutual NDA for prospects, partners and suppliers",
  keywords: ["legal", "nda", "template", "mutual"],
  body: `
# Mutual Non-Disclosure Agreement

Template QF-NDA-M, version 2025.2. Use this template when both Quillfeather Labs and the other party will share
confidential information: sales discussions with prospects that include security reviews, partnership talks, and
supplier evaluations. For disclosures by Quillfeather only, use the One-Way NDA (QF-NDA-1W). Bracketed fields may be
completed by anyone; any change to the clauses needs approval from legal@quillfeather.example.

## Parties

This Mutual Non-Disclosure Agreement (the "Agreement") is made on [DATE] between Quillfeather Labs, 14 Tannery Row,
Port Averly ("Quillfeather"), and [COUNTERPARTY LEGAL NAME], [ADDRESS] (the "Counterparty"). Each is a "Party"; a Party
disclosing information is the "Discloser" and a Party receiving it is the "Recipient".

## 1. Purpose

The Parties wish to exchange information to evaluate and discuss [PURPOSE, e.g. "a subscription to Quillfeather
Ledger" or "a technology partnership"] (the "Purpose").

## 2. Confidential Information

"Confidential Information" means any information disclosed by or for the Discloser, before or after the date of this
Agreement, in any form, that is marked or identified as confidential or would reasonably be understood to be
confidential, including business plans, pricing, product roadmaps, security reports and questionnaires, source code,
customer and financial information. The existence and content of the discussions are also Confidential Information.

## 3. Exclusions

Information is not Confidential Information if the Recipient can show that it: (a) is or becomes publicly available
without breach of this Agreement; (b) was known to the Recipient without restriction before disclosure; (c) was
received from a third party entitled to disclose it; or (d) was developed independently without use of the
Confidential Information.

## 4. Obligations of the Recipient

The Recipient shall use Confidential Information only for the Purpose; protect it with at least the care it uses for
its own confidential information and no less than reasonable care; and disclose it only to its and its Affiliates'
employees, officers, contractors and professional advisers who need to know it for the Purpose and are bound by
written or professional confidentiality duties no less protective than this Agreement. The Recipient is responsible
for any breach by them.

## 5. Compelled disclosure

If the Recipient is required by law, regulation or court order to disclose Confidential Information, it will (where
legally permitted) give the Discloser prompt written notice so it may seek protection, and disclose only what is
required.

## 6. Term and duration of obligations

| Item | Period |
|---|---|
| Disclosure period (information exchanged under this Agreement) | 2 years from the date of this Agreement |
| Confidentiality obligations | 3 years after the end of the disclosure period |
| Trade secrets | For as long as the information remains a trade secret |
| Either Party may end the disclosure period early | On 30 days' written notice |

## 7. Return or destruction

On the Discloser's written request, the Recipient shall within 10 business days return or destroy the Discloser's
Confidential Information and confirm this in writing. The Recipient may keep copies in automatic backups and copies
required by law, which remain subject to this Agreement.

## 8. No obligation, no licence, no warranty

Neither Party is obliged to proceed with any transaction. No licence under any patent, copyright or other right is
granted. Confidential Information is provided "as is" without warranty.

## 9. Personal data

The Parties do not intend to exchange personal data under this Agreement other than business contact details. If
personal data from Quillfeather Ledger (for example in a proof of concept) is to be shared, the Parties must first
sign Quillfeather's Data Processing Addendum.

## 10. Remedies

Unauthorised disclosure may cause irreparable harm, and the Discloser may seek injunctive relief in addition to any
other remedy.

## 11. General

This Agreement is governed by the laws of the Commonwealth of Averly, and the courts of Port Averly have exclusive
jurisdiction. It may be signed electronically and in counterparts. It is the entire agreement on its subject and
supersedes prior confidentiality agreements between the Parties on the Purpose.

## Signatures

| For Quillfeather Labs | For [COUNTERPARTY] |
|---|---|
| Name: | Name: |
| Title: | Title: |
| Date: | Date: |

## Guidance for Quillfeather staff (delete before sending)

- Directors and above may sign this template without changes; Sales Directors may sign it for prospects.
- Counterparty paper: send it to legal@quillfeather.example. Legal reviews third-party NDAs within 3 business days.
- Acceptable changes without Legal: the Purpose, party details, and shortening the disclosure period to 1 year.
- Never agree to non-solicitation or non-compete clauses in an NDA.
- Upload the signed NDA to the contract repository within 5 business days and record it in the contract register.
`,
};
