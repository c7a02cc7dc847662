import type { BinaryDocument } from "./types";

export const refundHandling: BinaryDocument = {
  path: "support/refund-handling.docx",
  title: "Refund and Credit Handling Procedure",
  owner: "Customer Support (support-leads@quillfeather.example)",
  effectiveDate: "2026-04-01",
  subject: "When Support may refund or credit customers, approval limits and processing steps",
  keywords: ["support", "runbook", "refunds", "credits", "billing"],
  body: `
# Refund and Credit Handling Procedure

This procedure explains when Customer Support can give customers money back, who approves it, and how to process it.
It covers refunds (money returned to the customer's payment method) and goodwill credits (an amount deducted from the
customer's next invoice). SLA service credits are different: they are set by the customer's contract and handled as
described at the end of this document.

## When a refund is possible

| Situation | Refund? | Notes |
|---|---|---|
| Annual plan cancelled within 30 days of the start or renewal date | Yes, pro rata for the unused months | Team plans paid by card; Business and Enterprise only if the order form allows |
| Annual plan cancelled more than 30 days after the start or renewal date | No | Offer to stop the auto-renewal instead |
| Monthly Team plan cancelled mid-month | No refund for the current month | The plan stays active until the end of the paid month |
| Duplicate charge or billing error | Yes, in full | Always refund; no approval needed up to the duplicated amount |
| Users removed during the term | No refund | Seats can be reduced at the next renewal |
| Service outage | Use SLA credits, not refunds | See "SLA service credits" below |
| Customer unhappy with a feature | Goodwill credit may be offered | Within your approval limit |

## Approval limits

Approval limits apply per customer per 12 months, for refunds and goodwill credits combined.

| Role | May approve up to |
|---|---|
| Support Specialist (Tier 1) | $250 goodwill credit; billing-error refunds of any amount |
| Support Engineer (Tier 2) or Support Team Lead | $1,000 |
| Support Duty Manager or Support Manager | $5,000 |
| VP Customer Support together with Finance | above $5,000 (request through refunds@quillfeather.example; CFO approval above $25,000) |

Nobody may approve a refund or credit for a customer account they manage personally as a customer success manager.

## How to process a refund

- Check eligibility against the table above and look for special terms in the account notes.
- Get approval from the right person in the ticket (an internal note "Approved: [amount], [name]").
- For Team plans paid by card, issue the refund from the billing console; it is returned to the original card. For
  invoiced plans, send the approved request to refunds@quillfeather.example, where Finance issues a credit note and pays
  the refund by bank transfer.
- Refunds reach the customer within 10 business days. Tell the customer using the macro "Refund approved".
- Tag the ticket "refund" and record the amount in the refund field so Finance can reconcile monthly.

## Goodwill credits

Goodwill credits recognise a poor experience: for example a long-running bug without a workaround, or a support
mistake. Keep them proportionate: a credit should not exceed the fees for the affected users for the affected period.
Apply the credit in the billing console and use the macro "Goodwill credit applied". Goodwill credits do not expire, but
they are not paid out in cash.

## SLA service credits

SLA service credits are a contractual remedy when monthly uptime falls below the customer's committed level. Support
does not calculate or approve them. When a customer claims one:

- Make sure the claim came to support@quillfeather.example with the subject "SLA credit claim" within 30 days after the
  end of the affected month.
- Reply with the macro "SLA credit claim received".
- Forward the ticket to Legal and Finance through the "SLA claim" form. They confirm the credit against monitoring data
  within 15 business days, using the SLA schedule or the customer's own contract terms.

## Chargebacks

If a customer disputes a card payment with their bank, do not refund as well. Forward the notification to
refunds@quillfeather.example; Finance responds to the bank and tells Support the outcome.

## Fraud warning signs

Escalate to the Support Duty Manager before refunding when: the refund is requested to a different card or account;
the request comes from an email address not on the account; or the customer pressures you to act urgently. These are
common signs of fraud.

## Reporting

Finance Operations reviews all refunds and credits monthly. Support leads review a sample of 20 refund tickets per
month for policy compliance.
`,
};
