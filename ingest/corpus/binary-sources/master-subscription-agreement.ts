import type { BinaryDocument } from "./types";

export const masterSubscriptionAgreement: BinaryDocument = {
  path: "legal/master-subscription-agreement.pdf",
  title: "Master Subscription Agreement",
  owner: "Legal (legal@quillfeather.example)",
  effectiveDate: "2025-01-01",
  subject: "Standard terms for Quillfeather Ledger subscriptions (template version 2025.1)",
  keywords: ["legal", "contract", "msa", "template"],
  body: `
# Master Subscription Agreement

Template version 2025.1. This Master Subscription Agreement (the "Agreement") is entered into between Quillfeather Labs,
14 Tannery Row, Port Averly ("Quillfeather"), and the customer named in the Order Form ("Customer"). It governs all
subscriptions to Quillfeather Ledger ordered by the Customer. It takes effect on the date of the first Order Form that
references it (the "Effective Date").

## 1. Definitions

"Order Form" means an ordering document signed by both parties that references this Agreement and sets out the plan,
number of users, fees and subscription term.

"Service" means the Quillfeather Ledger software-as-a-service product, including its modules (Approvals, Close Binder,
Evidence Vault and Ledger Connect) as described in the Documentation, and any updates made generally available.

"Customer Data" means all documents, data and other content submitted to the Service by or for the Customer, including
invoices, contracts, approval records and audit evidence.

"Documentation" means Quillfeather's online user guides and help centre for the Service, as updated from time to time.

"Users" means individuals authorised by the Customer to use the Service under the Customer's subscription, including
employees, contractors and external auditors given read-only access.

"Affiliate" means an entity that controls, is controlled by, or is under common control with a party, where control
means ownership of more than 50% of the voting interests.

## 2. The Service

2.1 Provision. Quillfeather will make the Service available to the Customer and its Users during the subscription term
in accordance with this Agreement, the Order Form and the Documentation.

2.2 Service levels. Quillfeather will provide the Service in accordance with the Service Level Agreement in Schedule 2,
at the service level that corresponds to the Customer's plan. Service credits under Schedule 2 are the Customer's sole
remedy for availability failures, except as stated in that Schedule.

2.3 Support. Standard support is included in every plan and is provided as described in Schedule 2.

2.4 Changes. Quillfeather may update the Service, but will not materially reduce its core functionality during a
subscription term. Quillfeather announces breaking changes to the API at least 90 days in advance.

2.5 Affiliates. Customer Affiliates may use the Service under the Customer's subscription. The Customer is responsible
for their compliance with this Agreement.

## 3. Customer responsibilities

3.1 The Customer is responsible for its Users' compliance with this Agreement, for the accuracy and legality of Customer
Data, and for keeping its account credentials confidential.

3.2 The Customer shall not: (a) make the Service available to anyone other than its Users; (b) sell, resell or rent the
Service; (c) use the Service to store or transmit malicious code or unlawful material; (d) interfere with the integrity
or performance of the Service; (e) attempt to gain unauthorised access to the Service; or (f) copy, modify or reverse
engineer the Service, except as permitted by law.

3.3 Security testing of the Service by the Customer requires Quillfeather's written consent, requested at least 10
business days in advance through security@quillfeather.example.

3.4 The Customer is responsible for its own accounting, tax and audit decisions. The Service supports these processes
but does not provide professional advice.

## 4. Fees and payment

4.1 Fees. The Customer shall pay the fees stated in the Order Form. Fees are based on subscriptions purchased, not
actual usage, and are non-cancellable and non-refundable except as stated in this Agreement.

4.2 Invoicing. Unless the Order Form states otherwise, fees are invoiced annually in advance and are due net 30 days
from the invoice date.

4.3 Late payment. Overdue amounts bear interest at 1% per month, or the maximum rate allowed by law if lower.

4.4 Suspension. If any amount is more than 30 days overdue, Quillfeather may, after giving at least 10 days' written
notice, suspend the Service until the amounts are paid. Quillfeather will not suspend while the Customer is disputing
charges reasonably and in good faith.

4.5 Taxes. Fees exclude taxes. The Customer pays all sales, use, value-added and similar taxes, other than taxes on
Quillfeather's income.

4.6 Additional users. Users added during a term are charged at the Order Form's per-user rate, prorated to the end of
the current billing year.

## 5. Term and termination

5.1 Term. This Agreement continues until all subscriptions under it have expired or been terminated.

5.2 Renewal. Unless the Order Form states otherwise, each subscription renews automatically for successive periods of
12 months, unless either party gives notice of non-renewal at least 60 days before the end of the current term.
Renewal pricing may increase by no more than the percentage stated in the Order Form; if none is stated, Quillfeather
gives at least 90 days' notice of any price change.

5.3 Termination for cause. Either party may terminate this Agreement on written notice if the other party materially
breaches it and does not cure the breach within 30 days after receiving written notice describing it, or if the
other party becomes insolvent.

5.4 Effect of termination. On termination for the Customer's breach, all unpaid fees for the rest of the term become due.
On termination for Quillfeather's breach, Quillfeather refunds prepaid fees for the remaining term.

5.5 Data export. For 30 days after termination or expiry, the Customer may export its Customer Data using the
Service's export features. After that period Quillfeather deletes Customer Data within a further 30 days, as described
in the Data Processing Addendum, except where the law requires retention.

## 6. Proprietary rights

6.1 Quillfeather and its licensors own the Service, the Documentation and all related intellectual property. No rights
are granted except those expressly stated in this Agreement.

6.2 The Customer owns Customer Data. The Customer grants Quillfeather a worldwide, limited licence to host, copy,
process and display Customer Data only as needed to provide the Service and as described in the Data Processing
Addendum.

6.3 Feedback. Quillfeather may use suggestions and feedback from the Customer without restriction or payment.

6.4 Aggregated data. Quillfeather may use aggregated, de-identified usage statistics to improve the Service, provided
that no Customer, User or Customer Data can be identified from them.

## 7. Confidentiality

7.1 Each party shall protect the other party's Confidential Information with at least the care it uses for its own
information of a similar kind, and no less than reasonable care, and use it only to perform this Agreement.

7.2 Confidential Information may be disclosed to employees, Affiliates, contractors and advisers who need to know it and
are bound by confidentiality obligations at least as protective as these.

7.3 These obligations last for the term of this Agreement and five (5) years afterwards, and for trade secrets for
as long as they remain trade secrets.

## 8. Data protection and security

8.1 The Data Processing Addendum (Schedule 3) applies to Quillfeather's processing of personal data in Customer Data and
forms part of this Agreement.

8.2 Quillfeather maintains administrative, physical and technical safeguards for Customer Data as described in its
security documentation, including encryption in transit and at rest, and annual independent audits (SOC 2 Type II
and ISO 27001).

8.3 Customer Data is hosted in the region selected by the Customer (US-East or EU-Central).

## 9. Warranties and disclaimers

9.1 Quillfeather warrants that the Service will perform materially in accordance with the Documentation, and that it
will not materially decrease the security of the Service during a subscription term. If the Service does not conform,
Quillfeather will use reasonable efforts to correct it; if it cannot do so within 30 days, the Customer may terminate
the affected subscription and receive a refund of prepaid fees for the remaining term.

9.2 Each party warrants that it has the authority to enter into this Agreement.

9.3 Except as expressly stated, the Service is provided "as is", and each party disclaims all other warranties, express
or implied, including merchantability and fitness for a particular purpose.

## 10. Indemnification

10.1 Quillfeather will defend the Customer against any third-party claim alleging that the Service infringes that third
party's intellectual property rights, and pay resulting damages finally awarded or agreed in settlement.

10.2 The Customer will defend Quillfeather against any third-party claim arising from Customer Data or from the
Customer's use of the Service in breach of this Agreement.

10.3 The indemnified party must promptly notify the indemnifying party, give it sole control of the defence and
settlement, and provide reasonable assistance.

## 11. Limitation of liability

11.1 General cap. Except for the exclusions in 11.3, each party's total liability arising out of or related to this
Agreement shall not exceed the total fees paid or payable by the Customer in the 12 months before the event giving
rise to the liability.

11.2 Data protection cap. For breaches of Section 7 (Confidentiality) or of the Data Processing Addendum, each party's
total liability shall not exceed two (2) times the annual fees payable under the affected Order Form.

11.3 Exclusions. The caps do not apply to the Customer's payment obligations, to either party's indemnification
obligations, or to liability for fraud, gross negligence or wilful misconduct.

11.4 Neither party is liable for indirect, incidental, special or consequential damages, or for lost profits, revenue
or data (except Quillfeather's obligations to restore Customer Data from backups), even if advised of their
possibility.

## 12. General

12.1 Governing law. This Agreement is governed by the laws of the Commonwealth of Averly. The courts of Port Averly have
exclusive jurisdiction.

12.2 Notices. Legal notices to Quillfeather go to contracts@quillfeather.example with a copy by post to the General
Counsel at 14 Tannery Row, Port Averly. Notices to the Customer go to the address in the Order Form.

12.3 Assignment. Neither party may assign this Agreement without the other's consent, except to an Affiliate or a
successor in a merger or sale of substantially all of its assets, on written notice.

12.4 Force majeure. Neither party is liable for delay or failure caused by events beyond its reasonable control.

12.5 Order of precedence. In case of conflict: (1) the Order Form, (2) the Data Processing Addendum, (3) Schedule 2
(SLA), (4) this Agreement, (5) the Documentation.

12.6 Entire agreement. This Agreement, its schedules and the Order Forms are the entire agreement of the parties on their
subject. Purchase order terms are void. Amendments must be in writing and signed by both parties.

## Schedules

| Schedule | Title | Where to find it |
|---|---|---|
| Schedule 1 | Order Form | Signed per customer |
| Schedule 2 | Service Level Agreement | legal/sla-schedule.html |
| Schedule 3 | Data Processing Addendum | legal/data-processing-addendum.pdf |
| Schedule 4 | Acceptable Use by Customers | Published in the help centre |
`,
};
