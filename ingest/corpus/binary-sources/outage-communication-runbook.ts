import type { BinaryDocument } from "./types";

export const outageCommunicationRunbook: BinaryDocument = {
  path: "support/outage-communication-runbook.pdf",
  title: "Outage Communication Runbook",
  owner: "Customer Support (support-leads@quillfeather.example)",
  effectiveDate: "2026-08-01",
  subject: "How Support communicates with customers during incidents and outages",
  keywords: ["support", "runbook", "outage", "incident", "status page"],
  body: `
# Outage Communication Runbook

When Quillfeather Ledger is down or badly degraded, customers judge us as much by our communication as by the fix.
This runbook describes who communicates, through which channels, how often and with which words. It applies to every
Severity 1 incident and to Severity 2 incidents that affect more than one customer. Severity definitions are in the
Incident Severity Levels page.

## 1. Roles

| Role | Who | Responsibilities |
|---|---|---|
| Incident Commander | Engineering on-call (or SRE lead) | Runs the technical response, decides on mitigation, gives the Communications Lead facts every 30 minutes |
| Communications Lead | Support Duty Manager | Owns the status page, customer emails and the incident ticket; drafts all external wording |
| Customer liaison | Tier 2 Support Engineer | Answers tickets linked to the incident; calls named Enterprise contacts |
| Executive sponsor | VP Customer Support or CTO | Joins after 1 hour for Severity 1; approves messages about data loss or security |

Nobody else posts about an ongoing incident externally. Sales and Customer Success forward customer questions to the
incident ticket instead of answering themselves.

## 2. Timeline for a Severity 1 incident

| When | Action |
|---|---|
| 0 minutes | Incident declared by the Duty Manager; incident ticket and #inc channel opened |
| within 15 minutes | First status page post at status.quillfeather.example ("Investigating") |
| within 30 minutes | Email to named contacts of affected Enterprise customers; macro "Outage acknowledgement" on linked tickets |
| every 30 minutes | Status page update, even if there is nothing new ("We are still working on ...") |
| 60 minutes | Executive sponsor informed; decision on proactive calls to top-20 affected customers |
| on mitigation | Status "Monitoring"; tell customers what to check and how to report remaining problems |
| on resolution | Status "Resolved" with start and end times in UTC; linked tickets updated |
| within 5 business days | Post-incident report published to affected customers and on the status page |

For Severity 2 incidents affecting several customers, post within 30 minutes and update at least every 60 minutes.

## 3. Writing status updates

- Say what customers experience, not what is broken inside: "Some users cannot submit approvals" rather than "the
  approvals queue consumer is lagging".
- Give the scope: which region (US-East, EU-Central), which modules, all or some users.
- Give the next update time, and keep it.
- Never guess a cause or a fix time. "We have identified the cause and are deploying a fix" is fine once it is true.
- Never blame a supplier or customer by name.
- Never mention data loss, data exposure or a security incident without approval from the executive sponsor and
  Legal, because of our notification duties under the Data Processing Addendum.

### Templates

Investigating: "We are investigating reports that [symptom] for [scope]. Next update by [time UTC]."

Identified: "We have identified the cause of [symptom] and are working on a fix. Workaround: [if any]. Next update by
[time UTC]."

Monitoring: "A fix has been applied and [feature] is recovering. We are monitoring. If you still see [symptom], please
contact support@quillfeather.example."

Resolved: "This incident has been resolved. [Feature] was unavailable for [scope] between [start] and [end] UTC. We
will publish a post-incident report within 5 business days."

## 4. Enterprise customers

Enterprise customers with named support contacts receive direct email within 30 minutes and, for incidents longer than
1 hour, a phone call from the customer liaison. Some contracts (for example Brightwater Mutual) include quarterly
service reviews where incidents are discussed; the Communications Lead adds the incident to the account notes.

## 5. Service credits

Customers often ask about compensation during an outage. Do not promise or calculate service credits. Reply that
credit claims are handled under their contract and must be sent to support@quillfeather.example with the subject "SLA
credit claim" within 30 days after the end of the month; use the macro "SLA credit claim received" when one arrives.
Legal and Finance confirm credits.

## 6. Scheduled maintenance

Scheduled maintenance is announced on the status page and by email to workspace admins at least 5 business days in
advance. Maintenance windows are on Sundays between 02:00 and 06:00 UTC and total no more than 8 hours per month.

## 7. Post-incident report

The Incident Commander writes the technical timeline; the Communications Lead turns it into the customer-facing report:
summary, impact (times, regions, modules), root cause in plain language, what we did, and what we will change, with
dates. Reports are blameless and reviewed by the VP Customer Support before publication.

## 8. After-action checklist

- All linked tickets updated and solved, or handed to Tier 2 with a next step.
- Status page incident closed and post-incident report linked.
- Known issues list updated if customers still see side effects.
- Communication timeline reviewed in the weekly support operations meeting.
`,
};
