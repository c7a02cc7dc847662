import type { EvalDocument } from "../types";

export const staffHandbook: EvalDocument = {
  file: "staff-handbook.pdf",
  title: "Staff Handbook",
  owner: "People Team (people@pellowhart.example)",
  subject: "Working time, leave, absence, professional development, probation, notice and conduct at Pellow Hart",
  keywords: ["handbook", "people", "leave", "flexitime", "sickness", "cpd", "notice", "conduct"],
  version: "Edition 9",
  effectiveDate: "2026-02-02",
  body: `
Welcome to Pellow Hart. We are an architecture and engineering practice of about 380 people working from four
studios: Leeds (our head office at 14 Wharf Approach), Bristol, Manchester and Dublin. We design schools, hospitals,
labs, housing and the bridges and frames that hold them up. This handbook explains how we work together. Please
read it in your first fortnight; your Studio Principal or line manager will go through it with you at induction.

Where this handbook says "the practice" it means Pellow Hart Partnership LLP and its Irish subsidiary, Pellow Hart
Design Ltd. Colleagues in Dublin should also read the Ireland supplement to their contract, which wins where the two
differ because of Irish law.

> Imogen Trelawny, Managing Partner

[[contents]]

# 1. About this handbook

This handbook applies to everyone employed by the practice on a permanent or fixed-term contract, including
part-time staff (whose leave and pay entitlements are pro rata). Freelance designers, agency CAD techni~cians and
students on placement follow sections 8 and 9 but not the sections on leave, sick pay or professional development;
their own terms apply.

Sections marked "contractual" form part of your contract of employ~ment. Everything else is practice policy, which
we may change after consulting the Staff Council. If your written statement of terms says something different from
this handbook, your written statement wins.

## 1.1 Where to get help

Your first contact for day-to-day questions is your line manager. For questions about pay, leave records or
contracts, contact the People Team at people@pellowhart.example or on 555-0131. Each studio also has a People
Partner (see section 10) who holds regular drop-in sessions. PeopleHub, our HR system, is where you book leave,
record sickness and find your payslips.

# 2. Working hours and flexitime

## 2.1 Standard hours

The standard working week is 37.5 hours, Monday to Friday, with an unpaid lunch break of at least 30 minutes.
Your contract shows your normal hours if you work part time or a compressed week.

## 2.2 Flexitime

Most staff work flexitime. You may start and finish when you choose within the flexi bandwidth of 07:30 to 19:00,
provided you are at work (in the studio, on site or at a client's office) during the core hours of 10:00 to 16:00,
Monday to Thursday, and 10:00 to 15:00 on Friday. Flexitime does not apply to receptionists, facilities staff or
anyone whose contract gives fixed hours.

Flexitime is recorded on your weekly timesheet. It runs in four-week settle~ment periods:
- you may carry a credit of up to 15 hours, or a debit of up to 7.5 hours, into the next period;
- any credit above 15 hours at the end of a period is lost, unless your Project Director agreed in writing that a
deadline required the extra time;
- you may take up to 2 flexi days in a settlement period, booked in PeopleHub like annual leave, with your line
manager's agreement.

## 2.3 Travel to site

Time spent travelling to a site, a client's office or another studio during the working day counts as working
time. Travel from home directly to a site counts as working time only for the part of the journey that is longer
than your normal commute. Record it on your timesheet against the project number.

## 2.4 Timesheets

Timesheets are due by 12:00 on Monday for the previous week. They are how we bill our clients, so please record
time against the right project and stage. Three late timesheets in a quarter are raised with you by your Studio
Principal.

# 3. Annual leave (contractual)

## 3.1 How much leave you get

The leave year runs from 1 January to 31 December. Your entitlement grows with your continuous service, counted
on 1 January of each leave year. Public holidays are given in addition, at the rates for your studio's country.

| Continuous service on 1 January | Annual leave (full time) | Extra days you may buy |
|---|---|---|
| Less than 2 years | 25 days | up to 3 days |
| 2 years to less than 5 years | 27 days | up to 5 days |
| 5 years to less than 10 years | 28 days | up to 5 days |
| 10 years or more | 30 days | up to 5 days |

Three days of your entitle~ment are held back for the studio closure between Christmas and New Year, so the days
you can book freely are three fewer than the table shows. If you join part way through the year, your first year's
entitlement is pro rata to the months left.

## 3.2 Buying extra leave

You can buy extra days, up to the limit in the table, once a year in the December enrol~ment window. The cost is
taken from your salary in equal monthly deductions over the year. Days you buy cannot be carried over.

## 3.3 Booking leave

Book leave in PeopleHub. Your line manager should reply within 3 working days. For a block of 10 working days or
more, give at least 6 weeks' notice, and check with your Project Director that the dates do not fall across a
project issue date. Leave is not normally approved in the two weeks before a stage submission you are working on.

## 3.4 Carrying leave over

You may carry up to 5 days of unused leave into the next leave year. Days carried over must be taken by 31 March or
they are lost. If you could not take leave because of sickness or family leave, the People Team will agree a longer
carry-over with you.

# 4. Sickness absence

## 4.1 Telling us you are ill

If you are too ill to work, phone (not text or email) your line manager before 09:30 on your first day of absence.
If you cannot reach them, call the People Team on 555-0131. Tell them what is wrong, how long you expect to be off,
and anything urgent on your projects, such as a meeting or a drawing issue that someone needs to cover. Then record
the absence in PeopleHub.

Keep in touch with your line manager at least every third working day while you are off, unless you have agreed a
different arrange~ment.

## 4.2 Evidence

For absences of up to 7 calendar days you fill in a self-certifi~cation form in PeopleHub when you return. From the
8th calendar day you need a fit note (in Ireland, a medical certificate) from a doctor, sent to the People Team.

## 4.3 Practice sick pay

Practice sick pay is paid in addition to statutory sick pay (or, in Ireland, the state illness benefit, which you
assign to us) and depends on your continuous service when the absence starts. Entitlements are measured over any
rolling 12 months.

| Continuous service | Full pay | Then half pay |
|---|---|---|
| During probation | statutory sick pay only | none |
| After probation, less than 2 years | 4 weeks | 4 weeks |
| 2 years to less than 5 years | 10 weeks | 10 weeks |
| 5 years or more | 20 weeks | 20 weeks |

## 4.4 Coming back to work

After any absence of more than 5 working days, your line manager will hold a short return-to-work meeting on your
first day back. If you have been off for 4 weeks or more, the People Team will usually refer you to occupational
health first and may suggest a phased return over up to 4 weeks on full pay.

# 5. Family and other leave

## 5.1 Maternity and adoption leave

Everyone may take up to 52 weeks of maternity or adoption leave. If you have at least 1 year's continuous service
at the start of the 15th week before the baby is due (or when you are matched for adoption), practice pay is:
•• 18 weeks at full pay • then 8 weeks at half pay, plus statutory pay • then statutory pay only for the rest of the
paid period.

## 5.2 Paternity and partner leave

Partners of a mother or adopter may take 4 weeks of paternity or partner leave at full pay, in one block or two
blocks of 2 weeks, within 6 months of the birth or placement. There is no service requirement for this pay.

## 5.3 Shared parental leave

Shared parental leave is paid at the statutory rate only. Tell the People Team at least 8 weeks before each block
you want to take.

## 5.4 Bereavement leave

If someone close to you dies, you may take paid bereavement leave:
- up to 10 working days for a spouse, partner or child;
- up to 5 working days for a parent, brother or sister, grandparent or grandchild, or a parent of your partner;
- 1 day to attend the funeral of anyone else.

Speak to your line manager, who can agree more time, paid or unpaid, depending on the circum~stances. You do not need
to provide evidence.

## 5.5 Emergency time off for dependants

You may take reasonable time off to deal with an emergency involving someone who depends on you, for example when a
childminder lets you down or a parent has a fall. The first 3 days in a leave year are paid; after that, time off is
unpaid or can be taken as annual leave or flexi.

## 5.6 Jury service and public duties

Tell your line manager as soon as you receive a jury summons. You will be paid as normal for up to 10 working days
of jury service; claim the juror's loss of earnings allowance from the court and pass it to Payroll. We allow up to
6 days of paid leave a year for other public duties, such as serving as a magistrate, school governor or councillor.

# 6. Professional development

## 6.1 CPD

Professional development is central to what we sell. Every member of design staff should complete at least 35 hours
of continuing professional development (CPD) a year, including the practice's own Wednesday lunchtime talks, and log
it in PeopleHub. Chartered engineers follow the requirement of their own institution if it is higher.

## 6.2 Professional subscriptions

The practice pays one annual subscription to a professional body relevant to your role, such as the RIBA, ARB
registration, the ICE, the IStructE or CIBSE. Pay it yourself and claim it through expenses, or ask the People Team
to pay the body directly. A second subscription needs your Studio Principal's approval.

## 6.3 Study support for qualifications

If you are studying for a qualifi~cation the practice has agreed to support (for example the Part 3 in architecture or
a chartership review), we pay the course and examination fees and give you study leave of up to 10 days in each
year of the course, in addition to annual leave. You must apply to your Studio Principal before you enrol.

If you leave the practice, or are dismissed for gross misconduct, after we have paid fees, you repay part of them:

| When you leave | Share of fees you repay |
|---|---|
| Within 12 months of the last fee payment | 100% |
| More than 12 and up to 24 months after it | 50% |
| More than 24 months after it | nothing |

Resigning to take up a place on a full-time course the practice agreed to (for example returning to university for
Part 2) is not treated as leaving for this purpose.

[[pagebreak]]

# 7. Probation and notice (contractual)

## 7.1 Probation

New staff serve a probation period, set by grade in the table below. Your line manager will meet you at least at the
halfway point and at the end. Probation can be extended once, by up to 3 months, if more time is needed.

## 7.2 Notice periods

After probation, the notice you must give, and the notice we give you, depends on your grade. During probation the
notice either side is 1 week.

| Grade | Typical roles | Probation | Notice after probation |
|---|---|---|---|
| Grade 1 | Studio assistant, receptionist, apprentice | 3 months | 1 month |
| Grade 2 | Architectural technician, CAD technician, graduate engineer | 3 months | 1 month |
| Grade 3 | Architect, engineer, BIM coordinator | 6 months | 2 months |
| Grade 4 | Senior architect, senior engineer, project manager | 6 months | 2 months |
| Grade 5 | Associate, Associate Director | 6 months | 3 months |
| Grade 6 | Director, Partner | 6 months | 6 months |

Resign~ations should be given in writing to your line manager, copied to the People Team. If you are leading a
project through a stage submission, your Project Director may ask you to agree a handover plan before you leave.

# 8. Conduct

[[columns]]

## 8.1 Private work

You may not carry out architec~tural or engineering work for anyone other than the practice, paid or unpaid,
without written approval from your Studio Principal. This includes designing an extension for a friend. Approval is
normally given for small unpaid work that does not compete with us, provided you do not use practice software
licences, templates or time.

## 8.2 Conflicts of interest

Tell your Studio Principal if you, or someone close to you, has an interest in a client, contractor, supplier or
site we are working on, for example owning land next to a development we are designing. Conflicts are recorded in
the practice's register, kept by the Practice Manager.

## 8.3 Speaking about projects

Do not post images, drawings or details of live projects on social media, in competition entries or in your own
portfolio until the client has agreed to publicity. The Marketing team keeps a list of cleared projects. Journalists
asking about a project should be referred to the Marketing Director.

## 8.4 On site

On any construction site you follow the principal contractor's rules, wear the PPE they require and sign in and out.
Never go on site alone without telling your team where you are and when you expect to be back.

## 8.5 Alcohol and drugs

You must not work, drive on practice business or visit a site under the influence of alcohol or drugs. Alcohol may
be served at practice events approved by a Studio Principal, but never in a studio during working hours.

## 8.6 Gifts

Gifts and hospitality from clients and suppliers are covered by the Travel and Expenses Policy, section 10.

[[/columns]]

# 9. Grievance and disciplinary

## 9.1 Raising a grievance

Most concerns are best sorted out informally with your line manager. If that does not work, or your concern is about
your line manager:
1. Write to your People Partner setting out your grievance and what you would like to happen.
2. A manager who is not involved will invite you to a meeting, normally within 10 working days. You may bring a
colleague or a trade union represent~ative.
3. You will receive a written decision within 5 working days of the meeting.
4. If you are not satisfied, appeal in writing to the Managing Partner within 7 working days of the decision. The
appeal decision is final.

## 9.2 Disciplinary procedure

Before any disciplinary action, the facts are investigated by someone who is not the decision-maker. You will be
told the allegation in writing, given at least 3 working days' notice of a hearing, and may be accom~panied.
Warnings stay on your record for 6 months (first written warning) or 12 months (final written warning).

# 10. Who does what

@ Studio Principal
- Leads one studio: its people, its workload and its profit.
- Approves private work, second professional subscriptions and study support.
- Chairs the studio's monthly resourcing meeting.

@ Project Director
- Accountable to the client for a project's design, programme and fee.
- Approves leave that affects a project issue and any flexi credit above the limit.
- Signs off every drawing issue and design change before it leaves the practice.

@ Project Architect or Project Engineer
- Runs the project day to day and coordinates the design team.
- Keeps the project's Issue Register and risk register up to date.

@ BIM Manager
- Owns the practice's modelling standards, templates and the Common Data Environment.
- Trains new staff in the Revit and Tekla templates within their first month.

@ People Partner
- Advises managers and staff in one or two studios on people matters.
- Receives grievances and organises occupational health referrals.

@ Practice Manager
- Runs the studio's facilities, reception and practice registers, including the conflicts register.
- Is the first contact for building access cards and desk moves.
`,
};
