import type { BinaryDocument } from "./types";

export const dataClassificationPolicy: BinaryDocument = {
  path: "everyone/it/data-classification-policy.pdf",
  title: "Data Classification and Handling Policy",
  owner: "Security & IT (security@quillfeather.example)",
  effectiveDate: "2026-02-01",
  subject: "Four classification levels and how to handle information at each level",
  keywords: ["policy", "it", "security", "data classification"],
  body: `
# Data Classification and Handling Policy

All information created, received or stored by Quillfeather Labs has an owner and a classification. The classification
decides who may see the information, where it may be stored and how it may be shared. This policy applies to all
information in any form: documents, databases, chat messages, email, printouts and conversations.

## 1. Classification levels

| Level | Definition | Examples |
|---|---|---|
| Public | Approved for anyone outside the company | Website, published release notes, press releases, public job adverts |
| Internal | For employees and contractors; limited harm if disclosed | Company policies, office guide, org chart, internal announcements, product FAQs |
| Confidential | Limited to people with a business need; disclosure could harm Quillfeather, employees or partners | Contracts, pricing negotiations, salary information, performance reviews, financial results, security reports, source code |
| Restricted | The most sensitive; disclosure could cause severe harm or legal liability | All Customer Data in Quillfeather Ledger, authentication secrets and keys, personal data of special categories, unannounced acquisition or reorganisation plans |

If you are unsure, choose the higher level and ask the information owner. Information without a label is treated as
Internal.

## 2. Who classifies

The information owner (normally the person or team that created it, or the system owner) assigns the classification
when the information is created and reviews it when it changes. Customer Data is always Restricted, regardless of what
a document contains, because we cannot know what our customers upload.

## 3. Handling rules

| Rule | Public | Internal | Confidential | Restricted |
|---|---|---|---|---|
| Label required | No | No | Yes, in header or file name | Yes, in header and file name |
| Storage | Anywhere | Approved company systems | Approved systems with access limited to named groups | Only in systems approved for Restricted data (Ledger production, secrets vault, labelled folders) |
| Sharing inside the company | Free | Free | Need to know; share with named people or groups, not links open to everyone | Named individuals approved by the owner; access logged |
| Sharing outside the company | Free | With manager approval | Under NDA or contract, approved by the owner | Only under a contract that permits it and with Security approval |
| Email | Allowed | Allowed | Allowed to named recipients; no personal email | Never as attachments; share through approved systems |
| Chat | Allowed | Allowed | Allowed in private channels | Not allowed |
| Printing | Allowed | Allowed | Collect immediately; shred in secure bins | Not allowed |
| Approved AI tools | Allowed | Allowed | Allowed in tools approved for Confidential | Not allowed |
| Laptop storage | Allowed | Allowed | Allowed on encrypted company laptops | Not allowed, except secrets in the password manager |
| Disposal | Normal | Normal | Secure deletion; shredding | Secure deletion verified by IT; certificate for media |

## 4. Customer Data

Customer Data includes every document, field and log line customers store in Ledger. Employees may access Customer Data
only to provide the service: to answer a support ticket, to investigate an incident, or to run an approved data fix.
Access requires a ticket or change number, uses just-in-time access that expires after 8 hours, and is reviewed
weekly by Security. Copying Customer Data out of production (for example into a spreadsheet, a test environment or a
ticket attachment) is prohibited, except through the approved redacted export tool.

## 5. Personal data

Personal data about employees, candidates and customers' users is Confidential at minimum. Special categories (health,
ethnicity, religion, trade union membership, biometric data) and government identifiers are Restricted. Questions about
personal data go to the Data Protection Officer at privacy@quillfeather.example.

## 6. Retention

Keep information only as long as it is needed. Default retention periods:

| Information | Retention |
|---|---|
| Customer Data | As configured by the customer; deleted within 30 days after the post-termination export window |
| Support tickets | 3 years after closure |
| Financial records | 7 years |
| Employee records | Duration of employment plus 6 years |
| Performance review records | Duration of employment plus 2 years |
| Candidate data (not hired) | 12 months |
| Security logs | 1 year online, 3 years archived |
| Chat messages | 2 years, except channels under legal hold |

## 7. Incidents

Report any suspected loss, exposure or mishandling of Confidential or Restricted information immediately, and within
1 hour, through the Security Incident Reporting procedure. Do not try to recover or delete the information yourself.

## 8. Exceptions and review

Exceptions need written approval from the CISO and the information owner, last at most 90 days, and are recorded in the
risk register. This policy is reviewed annually by Security & IT.
`,
};
