import type { EvalDocument } from "../types";

export const clientDataHandling: EvalDocument = {
  file: "client-information-handling-procedure.pdf",
  title: "Client Information and Data Handling Procedure",
  owner: "Practice Director's Office (dataprotection@pellowhart.example)",
  subject: "Classifying, sharing, storing, retaining and disposing of client and project information; personal data",
  keywords: ["client information", "classification", "secured projects", "gdpr", "data breach", "retention", "nda"],
  version: "Issue 7",
  effectiveDate: "2026-01-19",
  body: `
Our clients trust us with information about their buildings, their plans and sometimes their security. A leaked
floor plan of a prison or a data centre can put people at risk; a leaked feasibility study can move a land price.
This procedure tells you how to handle client and project information at every stage, from the first enquiry to
the archive. It applies to everyone who works for the practice, including freelancers and placement students.

The Data Protection Lead, Tomasz Reilly, is responsible for this procedure and for personal data across the
practice. Contact him at dataprotection@pellowhart.example or on 555-0137.

# 1. Classifying information

Every document, model and drawing has one of four classes. The Project Director sets the class of a project at
its start; individual documents may be given a higher class but never a lower one. If you are unsure, treat
information as Client Confidential and ask your Project Architect.

| Class | Examples | May be emailed outside the practice? | May be shared with other consultants? | Disposal |
|---|---|---|---|---|
| Public | published images, planning drawings once on the council website | yes | yes | ordinary recycling |
| Project Internal | working drawings, internal reviews, fee calculations, programmes | only to the client team | yes, through HartShare | confidential waste bin |
| Client Confidential | briefs, site and tenant data, cost plans, unpublished designs, anything under an NDA | only with the "Client Confidential" label | only after an NDA is signed (section 3) | confidential waste bin |
| Secured | layouts, services and security details of buildings on the Secured list | never | only named, vetted people, by hand or Secured transfer | cross-cut shredder in the Secured room |

# 2. Secured projects

Some buildings, such as courts, prisons, police stations, data centres, laboratories handling dangerous pathogens
and some embassies, have security requirements set by the client. The Practice Director decides whether a project
goes on the Secured list, and the Project Director keeps a list of the people cleared to work on it.

On a Secured project:
- only people named on the project's cleared list may see its information; being a member of the studio is not
enough;
- work only on a Secured laptop, in the Secured Vault, and never at home, on a train or in a public place;
- print only on the studio's Secured printer, which releases a job only when you present your card, and collect it
at once;
- never take photographs on site with a personal phone; use a Secured site tablet;
- never discuss the project by ordinary email, Teams chat or phone, unless the client has agreed otherwise in
writing;
- do not put the project on your CV, LinkedIn profile or portfolio, even after completion.

If you think a project should be Secured and it is not, tell the Project Director at once.

# 3. Sharing with other consultants and contractors

Most projects involve other consultants (structural, services, landscape, cost), contractors and specialists.
Before you share anything classed Client Confidential with a firm outside the practice:
1. Check that the firm has signed a non-disclosure agreement (NDA) with us for this project, or that its appointment
includes confidentiality terms. The Project Architect keeps the signed NDAs in the project's Vault workspace.
2. If there is no NDA, ask the Project Director, who may approve a practice NDA (template on the Intranet) or decide
the information may not be shared.
3. Send the information through HartShare or the project's shared Common Data Environment, never as an email
attachment.
4. Record what you sent, to whom and when in the project's Issue Register.

Drawings leave the practice only after the Project Director has signed off the issue. Information received from
other consultants is treated at the class its sender gave it, or Client Confidential if it has none.

# 4. Personal data

## 4.1 What counts

Personal data is anything about an identifiable living person. On our projects it often turns up in less obvious
places:
•• occupancy and tenant schedules • residents' consultation responses • survey photographs showing people or car
number plates • access audit notes about a person's disability • contact lists for site meetings.

Collect only what the project needs. For example, a space-use survey needs counts of occupied desks, not names.

## 4.2 Photographs on site

Avoid photographing people or number plates. If a photograph for a report shows a person's face, blur it before
the report is issued, unless the person has agreed in writing to appear.

## 4.3 Requests from people about their data

Anyone may ask what personal data we hold about them (a subject access request), or ask us to correct or delete
it. A request can arrive in any form: an email to anyone in the practice, a letter, a comment at a consultation
event. It does not have to mention data protection law.
1. Forward the request to the Data Protection Lead within 1 working day of receiving it. Do not reply to the person
yourself, other than to say it has been passed on.
2. The Data Protection Lead confirms the person's identity and coordinates the search.
3. We must respond within one month of receiving the request, so help with the search promptly when asked.

# 5. If information goes astray (data breaches)

A data breach is any loss, theft, wrong disclosure or unauthorised access to project or personal information, for
example a cost plan emailed to the wrong contractor, a drawing set left on a train or a hacked HartShare link.

[[columns]]

## 5.1 What you should do

1. Report it to the Data Protection Lead within 2 hours of discovering it, using the breach form on the Intranet or
by phone on 555-0137. Out of hours, call the IT out-of-hours line on 555-0149.
2. If the breach involves a lost or stolen laptop or phone, follow the IT Acceptable Use Policy, section 9, as well.
3. If you sent something to the wrong person, ask them to delete it and confirm that they have, but do not delay
your report while you wait for their reply.
4. Do not try to investigate yourself or tell the client; the Data Protection Lead and Project Director will decide
who tells the client, and when.

## 5.2 What happens next

The Data Protection Lead assesses the risk. If personal data is involved and the breach is likely to put people at
risk, the practice must tell the regulator, the Information Commissioner's Office for UK projects or the Data
Protection Commission for Irish projects, within 72 hours of becoming aware of it. Secured project breaches are
also reported to the client's security adviser within 24 hours.

You will not be blamed for reporting a genuine mistake promptly. Concealing a breach is a disciplinary matter.

[[/columns]]

# 6. Keeping and disposing of records

## 6.1 How long we keep project records

Project records are kept for the periods below, counted from practical completion (or from the date a project
stopped, if it never reached completion). The Vault archives a project automatically when the Project Director
closes it. At the end of the period the Practice Manager reviews and deletes the records, unless there is a known
claim or dispute.

| Record | Appointment signed as a simple contract | Appointment executed as a deed |
|---|---|---|
| Contract, appointment, fee and correspondence | 7 years | 13 years |
| Drawings, models and specifications as issued | 7 years | 13 years |
| Calculations and design check records | 7 years | 13 years |
| Site inspection reports and photographs | 7 years | 13 years |
| Working files and superseded drafts | 2 years | 2 years |

Ask the Project Director whether an appointment was signed as a deed; it is recorded on the project set-up form.

## 6.2 Other records

| Record | How long we keep it |
|---|---|
| Unsuccessful bids and competition entries | 3 years from the decision |
| Residents' consultation responses | 12 months after planning is decided |
| CVs of people we interviewed but did not hire | 6 months |
| Timesheets | 7 years |
| Visitor sign-in books | 1 year |

## 6.3 Clean desks and printing

Clear your desk of Client Confidential and Secured papers at the end of each day. Collect printing straight away;
uncollected prints are shredded each evening. Put paper you no longer need in the locked confidential waste bins,
never in the ordinary recycling.

## 6.4 Physical models and samples

Physical models of Client Confidential projects are kept in the model store, not on display in reception, until the
client agrees to publicity.

# 7. When a client asks about our handling

Clients sometimes ask us to complete a security or data protection questionnaire, or to audit how we handle their
information. Pass such requests to the Data Protection Lead, who will answer them with the Project Director. Do not
sign a client's confidentiality or data processing agreement yourself; only a Partner may sign one.
`,
};
