import type { BinaryDocument } from "./types";

export const dataProcessingAddendum: BinaryDocument = {
  path: "legal/data-processing-addendum.pdf",
  title: "Data Processing Addendum",
  owner: "Legal (legal@quillfeather.example)",
  effectiveDate: "2025-01-01",
  subject: "Schedule 3 to the Master Subscription Agreement: processing of personal data (version 2025.1)",
  keywords: ["legal", "contract", "dpa", "privacy"],
  body: `
# Data Processing Addendum

Version 2025.1 — Schedule 3 to the Master Subscription Agreement. This Data Processing Addendum ("DPA") applies when
Quillfeather Labs ("Processor") processes personal data contained in Customer Data on behalf of the Customer
("Controller") in providing Quillfeather Ledger. Terms not defined here have the meaning given in the Master
Subscription Agreement (the "Agreement") or in applicable data protection law.

## 1. Roles and scope

1.1 The Customer is the controller and Quillfeather is the processor of personal data in Customer Data. Quillfeather
processes it only on the Customer's documented instructions, which are the Agreement, this DPA, and the Customer's use
and configuration of the Service.

1.2 If Quillfeather believes an instruction breaches data protection law, it will tell the Customer promptly and may
suspend the affected processing until the instruction is confirmed or changed.

1.3 Quillfeather is an independent controller only for account, billing and usage data it needs to run its business,
which it handles under its own privacy notice.

## 2. Details of processing

| Item | Description |
|---|---|
| Subject matter | Hosting and processing of Customer Data to provide the Service |
| Duration | The subscription term plus the export and deletion periods in Section 9 |
| Nature and purpose | Storage, approval workflows, OCR, search, audit logging, support |
| Categories of data subjects | Customer's employees, contractors, suppliers' contacts, customers' contacts named in documents |
| Categories of personal data | Names, business contact details, job titles, signatures, bank details on invoices, approval history |
| Special categories | Not intended; the Customer should not upload them unless necessary and lawful |

## 3. Confidentiality and personnel

Quillfeather ensures that everyone authorised to process personal data is bound by confidentiality, receives data
protection training at least once a year, and accesses Customer Data only as needed to provide the Service or support.
Access to production Customer Data requires hardware-key MFA and is logged.

## 4. Security

Quillfeather implements the technical and organisational measures described in Annex 2, including: encryption in
transit (TLS 1.2 or higher) and at rest (AES-256); role-based access with quarterly access reviews; backups every
4 hours kept for 35 days in the Customer's region; vulnerability scanning and an annual penetration test by an
independent firm; and annual SOC 2 Type II and ISO 27001 audits.

## 5. Sub-processors

5.1 The Customer gives general authorisation for Quillfeather to engage sub-processors. The current list is published
in the trust centre and kept in Annex 3.

5.2 Quillfeather will notify the Customer of any new sub-processor at least 30 days before it begins processing
personal data, by email to the Customer's notice contact and in the trust centre.

5.3 The Customer may object on reasonable data protection grounds within 14 days of the notice. The parties will
discuss the objection in good faith; if it cannot be resolved, the Customer may terminate the affected part of the
Service and receive a refund of prepaid fees for the remaining term.

5.4 Quillfeather imposes data protection obligations on each sub-processor at least as protective as this DPA, and
remains liable for its sub-processors.

## 6. International transfers

Customer Data is hosted in the region the Customer selects (US-East or EU-Central). Where personal data is transferred
out of the European Economic Area, the United Kingdom or Switzerland, the parties rely on the Standard Contractual
Clauses (controller-to-processor module), which are incorporated by reference, together with the supplementary measures
in Annex 2.

## 7. Personal data breaches

7.1 Quillfeather will notify the Customer of a personal data breach affecting Customer Data without undue delay and
in any event within 48 hours after becoming aware of it.

7.2 The notice will describe, as far as then known, the nature of the breach, the categories and approximate number of
data subjects and records concerned, the likely consequences, and the measures taken or proposed. Information not
available at first is provided in phases as it becomes available.

7.3 Quillfeather will take reasonable steps to contain and remedy the breach and will support the Customer in meeting
its own notification obligations. Notice of a breach is not an admission of fault.

## 8. Assistance and data subject requests

8.1 Quillfeather will assist the Customer, taking into account the nature of processing, in responding to requests from
data subjects (access, rectification, erasure, restriction, portability, objection). If a data subject contacts
Quillfeather directly, Quillfeather will forward the request to the Customer within 5 business days and will not
respond itself except to say it has done so.

8.2 Quillfeather will provide reasonable assistance with data protection impact assessments and consultations with
supervisory authorities.

## 9. Return and deletion

9.1 During the subscription and for 30 days after it ends, the Customer may export Customer Data.

9.2 Quillfeather deletes Customer Data from production systems within 30 days after the end of the export period,
and from backups within a further 90 days as backups expire. Quillfeather will confirm deletion in writing on
request.

## 10. Audits

10.1 Quillfeather makes its most recent SOC 2 Type II report and ISO 27001 certificate available to the Customer under
confidentiality, which the parties agree will normally satisfy audit requests.

10.2 If those documents are not sufficient to show compliance, or a supervisory authority requires it, the Customer may
conduct an audit once in any 12-month period, on at least 30 days' written notice, during business hours, at the
Customer's cost, by an auditor bound by confidentiality who is not a competitor of Quillfeather.

## 11. Liability

Each party's liability under this DPA is subject to the limitations in the Agreement, including the data protection cap
in Section 11.2 of the Agreement.

## Annex 3 — Sub-processors (summary)

| Sub-processor | Service | Location |
|---|---|---|
| Nimbus Compute Inc. | Cloud hosting and managed databases | United States and Germany |
| Postwick Mail Ltd. | Transactional email | United States and Ireland |
| Larkfield Analytics | Pseudonymised product analytics | Ireland |
| Tessellate OCR GmbH | OCR for scanned documents | Germany |
| Signalpost Support Systems | Support ticketing | United States |
| Harrier Payments | Card payments (Team plan) | United States and Netherlands |
| Quayside Backup Services | Encrypted off-site backups | United States and Germany |

The full, current list with safeguards is maintained by Legal and published in the trust centre.

## Contact

Privacy questions and notices under this DPA: privacy@quillfeather.example. Data Protection Officer: Quillfeather Labs,
14 Tannery Row, Port Averly.
`,
};
