import type { EvalDocument } from "./types";

export const employeeHandbook: EvalDocument = {
  file: "employee-handbook.pdf",
  title: "Employee Handbook",
  owner: "People Services (people@marrowby.example)",
  subject: "Terms, working time, leave, absence, conduct and procedures for all Marrowby Logistics employees",
  keywords: ["handbook", "hr", "leave", "absence", "conduct", "grievance"],
  version: "Version 6.1",
  effectiveDate: "2026-01-05",
  body: `
Welcome to Mar~rowby Logistics. Whether you have joined us to drive, to pick and pack, to plan routes or to support
the business from Larchfield House, this handbook is your guide to how we work. Please read it during your first
week and keep it to hand; your Shift Supervisor or line manager will go through the key points with you at
induction.

Mar~rowby was founded in Eastmere in 1987 with three lorries and a rented shed. Today about 1,150 of us run four
depots, a fleet of 310 vehicles and warehousing for some of the best-known retailers in the country. We have grown
because our customers trust us to deliver what we promise, safely and on time, and because we look after each other.

If anything in this handbook is unclear, ask. Nobody will mind.

> Margaret Hollis, Chief Executive

[[contents]]

# 1. About this handbook

This handbook applies to everyone employed by Mar~rowby Logistics Ltd, whether you work in one of our four depots
(Eastmere, Hollin Bridge, Saltcote and Dunmore Park), in the transport office or at Larchfield House, our head office
at 2 Canal Street, Eastmere. It explains how we work together, what you can expect from us and what we expect from
you. Agency workers and contractors should follow the sections on conduct and safety but are not covered by the
sections on pay, leave or benefits; their own agency terms apply.

Some parts of this handbook form part of your contract of employ~ment. These are marked "contractual" at the start of
the section. Everything else is company policy, which we may change from time to time after consulting the Employee
Forum. If your written statement of terms says something different from this handbook, your written statement wins.

## 1.1 Where to get help

Your first point of contact for almost everything is your line manager or, in the depots, your Shift Supervisor.
People Services can be reached on 555-0110 (Monday to Friday, 08:00 to 18:00) or at people@marrowby.example. Pay and
pension questions go to the Payroll team at payroll@marrowby.example. The MyMarrowby portal holds your payslips,
holiday balance, personal details and most of the request forms mentioned in this handbook.

## 1.2 Keeping this handbook up to date

People Services reviews the handbook every year in December. A summary of changes is published on MyMarrowby and on
the depot notice boards. The version number and effective date are printed at the foot of every page; if the copy you
are reading is printed, check MyMarrowby for the current version.

# 2. Definitions

[[columns]]
=Line manager= the person you report to day to day. In the depots this is normally your Shift Supervisor; in head office
it is the manager named in MyMarrowby.

=Working day= Monday to Friday, excluding bank holidays, for office staff. For shift workers a working day is any day
on which you are rostered to work.

=Continuous service= your length of unbroken employment with Marrowby Logistics, including time with a company we have
acquired where your service transferred to us.

=Shift worker= an employee whose hours follow a rota published by the depot rather than a fixed Monday to Friday
pattern. Drivers, warehouse operatives and yard staff are shift workers.

=Leave year= the twelve months from 1 April to 31 March. Holiday entitlement, carry-over and purchase of extra leave are
all calculated on the leave year.

=People Services= the company's HR team, based at Larchfield House, with a People Services Adviser assigned to each
depot.

=Rota= the shift schedule for a depot, published at least four weeks in advance on the depot notice board and in
MyMarrowby.

=Grade= the level of your role, from G1 (operative) to G9 (executive), shown on your payslip.

=Employee Forum= the elected body of employee representatives that People Services consults on changes to policy.
[[/columns]]

# 3. Working hours and pay

## 3.1 Standard hours (contractual)

Office staff work 37.5 hours a week, Monday to Friday, excluding an unpaid lunch break of 30 minutes. Head office
operates flexitime: you may start between 07:30 and 10:00 and finish between 15:30 and 19:00, provided you are at
work during the core hours of 10:00 to 15:00 and record your time in MyMarrowby. A flexitime credit of up to 7.5
hours may be carried into the next four-week period; anything above that is lost unless your line manager has asked
you to work it.

## 3.2 Shift patterns

Most depot roles work a four-on, four-off pattern of 12-hour shifts: days (06:00 to 18:00) or nights (18:00 to
06:00). Some transport office roles work an early/late rota. Your rota is published at least four weeks in
advance. If you want to swap a shift with a colleague, both of you must submit the swap in MyMarrowby at least 48
hours before the first of the shifts concerned, and your Shift Supervisor must approve it. A swap that would leave you
working more than six shifts in a row, or with less than 11 hours' rest between shifts, will be refused.

## 3.3 Overtime

Overtime must be agreed in advance by your Shift Supervisor (depots) or line manager (offices). Hours that were not
agreed in advance are not paid as overtime. Overtime is paid at the following rates:

| When the overtime is worked | Rate |
|---|---|
| Monday to Saturday | time and a half (1.5 x basic hourly rate) |
| Sunday | double time (2 x basic hourly rate) |
| Bank holidays | double time plus a day off in lieu |
| Call-out outside your rota (minimum payment) | 4 hours at time and a half |

Office staff in grades G6 and above are not paid overtime; they may agree time off in lieu with their line manager
instead. Time off in lieu must be taken within three months of the extra hours being worked.

## 3.4 Pay day and allowances (contractual)

You are paid monthly, on the 25th of each month. If the 25th falls on a weekend or bank holiday you are paid on the
last working day before it. Payslips are published in MyMarrowby three working days before pay day.

Night work attracts a shift allowance of 12% of your basic hourly rate for every hour worked between 22:00 and
06:00. Drivers who are away from base overnight receive a night-out allowance of £35 per night, paid through payroll
(not through expenses). Allowances are paid in arrears, in the pay run after the month in which they were earned.

If you think you have been underpaid, tell Payroll by email within the same month. An underpayment of more than £100
is corrected by a same-week bank transfer rather than waiting for the next pay run; smaller amounts are corrected in
the next pay run.

## 3.5 Rest breaks

On a 12-hour shift you are entitled to two paid breaks of 20 minutes and one unpaid break of 30 minutes. Drivers
must also follow the driving time and break rules in the Depot Health and Safety Manual, which take priority over the
break pattern above when you are driving.

# 4. Annual leave

## 4.1 How much leave you get (contractual)

Your annual leave entitlement grows with your contin~uous service. Entitlement is in working days for a full-time
employee and is in addition to the eight bank holidays. Shift workers who are rostered on a bank holiday work it and
receive a day off in lieu instead.

| Completed years of continuous service | Annual leave | Bank holidays |
|---|---|---|
| Less than 2 years | 25 days | 8 |
| 2 years but less than 5 years | 26 days | 8 |
| 5 years but less than 10 years | 28 days | 8 |
| 10 years or more | 30 days | 8 |

The higher entitlement applies from the start of the leave year after you complete the qualifying service. Part-time
employees receive a pro rata entitlement calculated in hours. In your first and last leave year your entitlement is
calculated in proportion to the months you work.

## 4.2 Booking leave

Request leave in MyMarrowby. As a rule, give notice of at least twice the length of the leave you are asking for: for
example two weeks' notice for a week off. Your line manager or Shift Supervisor will respond within five working
days; if they have not, the request is escalated to the Depot Manager or department head.

Our busiest weeks are the run-up to Christmas. Depot and transport staff may not take annual leave between 24 November
and 24 December unless the Depot Manager agrees in writing, and no more than one week of leave may be taken in a row
during the rest of December. Head office teams set their own rules for the peak, published by each department head
before 1 October.

## 4.3 Carrying leave over

You should take all your leave within the leave year. Up to 5 days of unused leave may be carried over into the next
leave year, and any carried-over days must be taken by 30 June or they are lost. If you could not take your leave
because of sickness or family leave, the carry-over limit does not apply; People Services will agree with you when the
days are taken.

## 4.4 Buying extra leave

You can buy up to 5 extra days of leave in each leave year through salary sacrifice. Applications open in MyMarrowby
during March for the following leave year and the cost is spread over twelve months. Bought leave cannot be carried
over, and it is not avail~able during your probation period.

## 4.5 Leave when you leave

When you leave Mar~rowby we pay you for any leave you have earned but not taken. If you have taken more leave than you
have earned, the excess is deducted from your final pay. We may ask you to take outstanding leave during your notice
period.

[[pagebreak]]

# 5. Sickness absence

## 5.1 If you are too ill to work

Follow these steps on every day of absence unless your manager has agreed a different arrange~ment with you:

1. Phone your line manager yourself. Depot and driving staff phone their Shift Supervisor at least 2 hours before the
start of their shift; office staff phone before 09:30. A text, email or message through a colleague is not enough
unless you are physically unable to call.
2. Say what is wrong, how long you expect to be off and whether any work needs covering (for drivers: whether a load
or vehicle needs recovering).
3. Keep in touch: call again on the fourth day of absence and then at least once a week, at a time agreed with your
manager.
4. For absences of up to 7 calendar days, complete the self-certification form in MyMarrowby on your first day back.
5. From the 8th calendar day, send a fit note from your doctor to People Services and keep sending fit notes to cover
the whole absence.
6. On your return, attend a return-to-work meeting with your line manager, normally on your first shift back.

> If you fall ill while on annual leave and can produce a fit note, tell your manager straight away; the days covered
by the fit note will be treated as sickness and your leave given back.

## 5.2 Company sick pay

Statutory sick pay is paid to everyone who qualifies. In addition, Mar~rowby pays company sick pay depending on your
contin~uous service on the first day of absence. Company sick pay includes any statutory sick pay due and is counted
over any rolling 12-month period.

| Continuous service | Full basic pay | Then half basic pay |
|---|---|---|
| Under 6 months | statutory sick pay only | none |
| 6 months to 2 years | 4 weeks | 4 weeks |
| 2 years to 5 years | 8 weeks | 8 weeks |
| Over 5 years | 13 weeks | 13 weeks |

Company sick pay is discretionary and may be withheld if you do not follow the reporting steps in 5.1 or if absence
is not genuine.

## 5.3 Attendance reviews

We look at attendance in the round, but an attendance review is triggered when you have three separate absences, or
eight working days in total, within any rolling 12 months. The review is a supportive meeting with your line manager;
a People Services Adviser may also attend. Absences because of pregnancy, disability-related absence that has been
agreed as a reason~able adjustment, and injuries at work are recorded separately and do not count towards the triggers.

# 6. Family and other leave

[[columns]]
## 6.1 Maternity and adoption leave

Employees can take up to 52 weeks of maternity or adoption leave regardless of service. If you have 26 weeks of
contin~uous service by the 15th week before the expected week of childbirth (or by the week you are matched with a
child), Mar~rowby pays enhanced pay: 16 weeks at full basic pay followed by 23 weeks at the statutory rate. Tell your
line manager and People Services by the 15th week before the baby is due.

## 6.2 Paternity and partner leave

Partners, including adoptive parents and same-sex partners, can take 3 weeks of paternity leave at full pay, within
the 12 weeks after the birth or placement. You need 26 weeks of contin~uous service to qualify for full pay; if you do
not yet qualify you receive statutory paternity pay.

## 6.3 Shared parental leave

Shared parental leave is paid at the statutory rate. Give People Services at least 8 weeks' notice of each block of
leave. You may split the leave into up to three blocks.

## 6.4 Bereavement leave

If someone close to you dies we will give you time to grieve and arrange the funeral. You can take up to 5 days of
paid bereavement leave for a partner, child, parent, sibling or grandparent, and 2 days for another relative or close
friend. Parents who lose a child under 18, or suffer a stillbirth after 24 weeks of pregnancy, receive 10 days of
paid leave. Your manager may agree extra unpaid leave or annual leave.

## 6.5 Time off for dependants

You may take reason~able time off to deal with an emergency involving a dependant, such as arranging care when a
child falls ill. Up to 2 days per emergency are paid, with a maximum of 5 paid days in a leave year.

## 6.6 Jury service

Tell your manager as soon as you receive your summons. We pay your normal basic pay for up to 10 working days of
jury service; after that you claim loss of earnings from the court. Shift workers are not expected to work a night
shift before a day in court.

## 6.7 Volunteering and moving house

Every employee may take 2 paid volunteering days each leave year for a registered charity or community group,
agreed with their manager in advance. You may also take 1 paid day when you move house, once in each leave year.

## 6.8 Unpaid leave and career breaks

After two years of service you may ask for a career break of between three and twelve months. Requests go to your
department head and People Services, who will respond within four weeks.
[[/columns]]

# 7. Conduct, appearance and behaviour

## 7.1 Standards we expect

We expect everyone to treat colleagues, customers and the public with respect, to follow safe systems of work and to
be honest in everything they record, from delivery times to timesheets. Bullying, harassment and discrimi~nation are
never acceptable and are dealt with under the disciplinary procedure; you can report them to any manager, People
Services or the confi~dential Speak Up line on 555-0177.

## 7.2 Uniform and identification

Operational staff receive three sets of uniform when they join and a replacement set each year. Uniform must be
clean and worn in full when you are on shift. Your ID badge must be visible at all times on every Mar~rowby site. Lost
badges must be reported to the site reception on the day; a replacement badge costs £10 unless the loss was not your
fault.

Things you must not do on shift: •• Use a personal phone in an operational area • Wear jewellery other than a plain
ring in the warehouse • Smoke or vape outside the marked shelters • Bring visitors onto site without signing them in •
Wear headphones on the yard

## 7.3 Alcohol and drugs

You must not work, drive or operate equip~ment while under the influence of alcohol or drugs. Drivers, yard shunters
and anyone who operates mechanical handling equip~ment are subject to random testing, and everyone may be tested after
an accident. A refusal to be tested is treated as a positive result. If you are taking prescribed medication that
could affect your work, tell your manager or the Occupa~tional Health service before your shift.

## 7.4 Social media

You may mention that you work for Mar~rowby, but do not post photographs taken inside our depots, customer loads,
vehicle registration numbers of customer deliveries, or anything that criticises a customer. Only the
Communi~cations team speaks to the media on the company's behalf.

## 7.5 Gifts, conflicts of interest and second jobs

The rules on gifts and hospitality are in the Procurement and Expenses Procedure. If you have a second job, tell
your line manager; drivers must declare any other driving work because it counts towards their driving hours.

[[pagebreak]]

# 8. Probation and notice

## 8.1 Probation (contractual)

New employees serve a probation period of 6 months. Your manager will hold review meetings at the end of months one,
three and five. Probation may be extended once, by up to 3 months, if more time is needed to show that you meet the
standards of the role. During probation you may not buy extra leave or apply for a career break.

## 8.2 Notice periods (contractual)

The notice you must give, and the notice we give you, depends on your grade and whether you have completed probation:

| Grade | During probation | After probation |
|---|---|---|
| Operative and driver grades (G1 to G3) | 1 week | 4 weeks |
| Supervisory and specialist grades (G4 and G5) | 2 weeks | 8 weeks |
| Managers (G6 to G7) | 4 weeks | 12 weeks |
| Senior leaders (G8 and G9) | 4 weeks | 6 months |

If you have more than 12 years of contin~uous service, the notice we give you is one week for each complete year if
that is longer than the period above. Resignations must be given in writing, by email or letter, to your line
manager.

# 9. Raising a grievance

We want to resolve problems quickly and informally. If you have a concern about your work, your working conditions
or how you are treated, speak to your line manager first (or another manager if your concern is about your line
manager). If that does not resolve it, use the formal procedure:

1. Put your grievance in writing to People Services within 20 working days of the matter you are complaining about.
Say what happened, when, and what outcome you would like.
2. People Services appoints a manager who is not involved to hear it. You will be invited to a grievance meeting
within 10 working days of your written grievance.
3. You may bring a colleague or a trade union representative to the meeting.
4. The manager may investigate further after the meeting, and will tell you the outcome in writing, normally within
5 working days of the meeting or of the end of the investi~gation.
5. If you are unhappy with the outcome, appeal in writing to People Services within 7 working days of receiving it.
A more senior manager hears the appeal, and their decision is final.

# 10. Roles and responsibilities

The following role descriptions summarise who does what for the people matters covered by this handbook.

@ Shift Supervisor
- Publishes daily work allocations and briefs the shift at the start of each shift.
- Approves shift swaps and overtime for the team.
- Receives sickness absence calls from depot and driving staff and holds return-to-work meetings.
- Approves annual leave for the team outside the December peak.

@ Depot Manager
- Is respon~sible for everyone on site, including agency staff and visitors.
- Approves annual leave for depot staff between 24 November and 24 December.
- Chairs attendance reviews that reach the second stage and signs off overtime budgets each month.
- Appoints the depot's fire wardens and first aiders with the Site Safety Coordinator.

@ Transport Planner
- Plans routes and allocates drivers to loads so that nobody exceeds their driving hours.
- Records night-out allowances for drivers in the payroll system by the 3rd working day of each month.
- Arranges recovery of vehicles and loads when a driver reports sick mid-route.

@ People Services Adviser
- Advises managers on absence, probation, grievance and disciplinary cases.
- Checks fit notes, keeps absence records and tracks attendance review triggers.
- Runs the new starter induction in each depot on the first Monday of the month.

@ Line manager (offices)
- Approves annual leave, flexitime and time off in lieu for their team.
- Holds probation review meetings and sets objectives every April.

# 11. Support for you

The Employee Assistance Programme gives you and your household free, confi~dential advice 24 hours a day on
555-0199, on anything from debt and housing to stress and bereavement. Each depot also has trained mental health first
aiders, whose names are on the notice board by the canteen.

Long service is recog~nised with an award: a £250 voucher at 10 years, a £500 voucher and an extra day of leave in the
anniversary year at 20 years, and a £1,000 voucher at 30 years. Details of the health plans, pension and other
benefits are in the Benefits Plan Guide.

# 12. Document control

| Version | Date | Change |
|---|---|---|
| 5.0 | 1 April 2024 | Full rewrite after the Dunmore Park depot opened |
| 5.3 | 1 April 2025 | Bereavement leave for the loss of a child increased to 10 days |
| 6.0 | 6 October 2025 | New notice periods for senior leaders; December peak rule extended to 24 November |
| 6.1 | 5 January 2026 | Buying extra leave raised from 3 to 5 days; definitions updated |
`,
};
