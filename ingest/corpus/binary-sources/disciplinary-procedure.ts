import type { BinaryDocument } from "./types";

export const disciplinaryProcedure: BinaryDocument = {
  path: "hr/disciplinary-procedure.docx",
  title: "Disciplinary Procedure",
  owner: "People Team (people@quillfeather.example)",
  effectiveDate: "2025-06-01",
  subject: "Procedure for misconduct and capability cases (People Team operating procedure)",
  keywords: ["hr", "disciplinary", "employee relations", "confidential"],
  body: `
# Disciplinary Procedure

This is the People Team's operating procedure for handling misconduct and capability concerns at Quillfeather Labs.
It is used by HR business partners and by managers under their guidance. Managers must not start a formal disciplinary
process without an HR business partner.

## Principles

- Most concerns are resolved informally through a conversation and clear expectations. The formal procedure is used
  when informal steps have not worked or when the matter is serious.
- No action is taken until the facts have been investigated.
- The employee is told the allegation in writing, sees the evidence, and has the chance to respond before any decision.
- The employee may be accompanied at any formal meeting by a colleague or a trade union representative.
- Employees may appeal against any formal outcome.
- Records are confidential and kept in the restricted employee-relations folder in Hearth.

## Step 1: Investigation

The HR business partner appoints an investigating manager who is not the employee's line manager and has no
involvement in the matter. The investigation should normally finish within 15 working days. It may include
interviews with witnesses and a review of documents, system logs (with Security's involvement) and expense records.

Where there is a risk to evidence, to customers or to other people, the employee may be suspended on full pay
while the investigation takes place. Suspension is not a disciplinary sanction and is reviewed every 10 working days.

## Step 2: Disciplinary meeting

If the investigation finds a case to answer, the employee is invited in writing to a disciplinary meeting with at
least 48 hours' notice (5 working days where dismissal is possible). The invitation includes the allegations, the
investigation report, the possible outcomes and the right to be accompanied. The meeting is chaired by a manager who did
not investigate, with the HR business partner present and taking notes.

## Step 3: Outcome

The chair decides after the meeting and confirms the outcome in writing within 5 working days.

| Outcome | When it is used | Stays on file |
|---|---|---|
| No action | Allegation not upheld | Not recorded on the personnel file |
| Verbal warning | Minor misconduct, first occurrence | 6 months |
| First written warning | Repeated minor misconduct or more serious misconduct | 12 months |
| Final written warning | Further misconduct during a live warning, or serious misconduct | 18 months |
| Dismissal with notice | Further misconduct during a final written warning | Permanent record |
| Summary dismissal (without notice) | Gross misconduct | Permanent record |

A warning that has expired is disregarded for future disciplinary purposes.

## Gross misconduct

Gross misconduct is behaviour serious enough to justify dismissal without notice for a first offence. Examples:

- theft, fraud or deliberately false expense claims;
- accessing Customer Data without a business reason, or disclosing Restricted information;
- violence, serious harassment or discrimination;
- retaliation against someone who raised a concern;
- serious breaches of the Code of Conduct, including accepting bribes;
- deliberately disabling security controls on a company device;
- working under the influence of alcohol or illegal drugs.

## Capability

Poor performance that is not deliberate is handled through the capability route. It starts with a performance
improvement plan (usually 60 days, as set in the Performance Review Process). If performance does not improve, the
formal meetings and outcomes above apply, with "capability warning" replacing "warning for misconduct".

## Appeals

The employee may appeal in writing to the People Team within 5 working days of receiving the outcome letter,
stating the grounds. The appeal is heard by a senior manager not previously involved, normally within 10 working days,
with an HR business partner present. The appeal decision is final and confirmed in writing within 5 working days of
the appeal meeting.

## Special cases

- Concerns about a People Team member are handled by the Chief People Officer with an external investigator.
- Concerns raised under the speak-up process (conduct@quillfeather.example) are investigated by the Ethics Committee;
  this procedure applies once a disciplinary case arises from its findings.
- Contractors are not covered; their engagement is handled under their contract with the involvement of Legal.

## Records and reporting

The HR business partner records each case in Hearth within 2 working days of each step. The People Team reports
anonymised case numbers and outcomes to the leadership team every quarter.
`,
};
