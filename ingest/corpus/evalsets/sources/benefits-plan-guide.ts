import type { EvalDocument } from "./types";

export const benefitsPlanGuide: EvalDocument = {
  file: "benefits-plan-guide.pdf",
  title: "Benefits Plan Guide 2026: Standard and Plus",
  owner: "Reward and Benefits, People Services (benefits@marrowby.example)",
  subject: "Health, dental, optical, life assurance and pension benefits under the Standard and Plus plans",
  keywords: ["benefits", "health plan", "dental", "pension", "life assurance", "standard", "plus"],
  version: "Plan year 2026, issue 2",
  effectiveDate: "2026-01-01",
  body: `
This guide describes the benefits Mar~rowby Logistics provides to its employees in the 2026 plan year. There are two
benefit plans. Every eligible employee is enrolled in the Standard plan at no cost. The Plus plan is an optional
upgrade with wider cover and higher limits, paid for by a monthly contri~bution from your pay. Sections 4 and 5
describe the two plans in the same order, so you can compare them section by section; the table in section 3 gives
the headline figures side by side.

The health benefits are insured and administered by Alderbank Health, our provider. The full policy wording from
Alderbank is available on MyMarrowby and is the final word on what is covered; this guide is a summary.

# 1. Who can join

All permanent and fixed-term employees on a contract of three months or longer are eligible. You are enrolled in
the Standard plan automat~ically on the first day of the month after you complete 3 months of service. Agency
workers, casual staff and contractors are not eligible.

You can move up to the Plus plan:
- during the annual enrolment window, which runs from 1 November to 30 November each year, with the change taking
effect on 1 January; or
- within 30 days of a qualifying life event, with the change taking effect from the first day of the next month.

Qualifying life events are: •• marriage or civil partnership • the birth or adoption of a child • your partner
losing their own health cover • moving to Mar~rowby from a company we acquired • returning from a career break.

You can move down from Plus to Standard only during the enrolment window. If you leave Mar~rowby, your cover ends on
your last day of employ~ment.

# 2. Definitions

=Plan year= the calendar year, 1 January to 31 December. Annual limits reset on 1 January.

=Dependant= your spouse, civil partner or a partner you live with, and your children up to their 21st birthday (or
up to their 25th birthday if they are in full-time education).

=Excess= the amount you pay towards the cost of treatment before the plan pays. The excess applies once per person
per plan year, however many claims you make.

=Outpatient treatment= consultations, diagnostic tests and scans where you are not admitted to a hospital bed.

=Pre-authori~sation= approval from Alderbank Health, given before treatment, that the treatment is covered. Treatment
without pre-authori~sation may not be paid.

=Pre-existing condition= a condition for which you had symptoms, advice or treatment in the 5 years before you
joined the plan. Pre-existing conditions are covered once you have had 2 contin~uous years on the plan without
symptoms, treatment or advice for that condition.

=Benefit in kind= a non-cash benefit on which you pay income tax. Health cover is a benefit in kind; see section 9.

# 3. The two plans at a glance

| Benefit | Standard plan | Plus plan |
|---|---|---|
| Your monthly cost | £0 (paid by Marrowby) | £24.50 from your net pay |
| Who is covered | you only | you, your partner and dependent children |
| Hospital treatment | covered in full at network hospitals | covered in full at any recognised hospital |
| Excess per person per plan year | £250 | £50 |
| Outpatient limit per plan year | £1,000 | £3,000 |
| Physiotherapy, osteopathy, chiropractic | 6 sessions per plan year | 15 sessions per plan year |
| Counselling sessions | 6 sessions | 12 sessions |
| Routine dental, annual limit | £200 | £600 |
| Glasses or contact lenses | £100 every 2 years | £250 every 2 years |
| Hospital cash benefit (NHS stay) | £40 per night | £100 per night |
| Virtual GP appointments | unlimited | unlimited |
| Life assurance | 2 times basic salary | 4 times basic salary |
| Travel insurance | not included | worldwide, trips up to 31 days |

[[pagebreak]]

# 4. The Standard plan

## 4.1 Standard: who is covered

The Standard plan covers you only. Your partner and children are not covered by Standard, but you can add them at
your own cost at £36 per month for a partner and £18 per month for each child, deducted from your net pay. To cover
your family at no extra cost per person, consider the Plus plan.

## 4.2 Standard: hospital and specialist treatment

Hospital in-patient and day-patient treatment is covered in full when it takes place in a hospital on the Alderbank
Network list. Outpatient consultations, tests and scans are covered up to £1,000 per plan year. The Standard excess
is £250 per person per plan year: you pay the first £250 of eligible costs and the plan pays the rest, up to the
limits.

If you choose to be treated on the NHS instead of privately, the Standard plan pays a hospital cash benefit of £40
for each night you spend in hospital, up to 20 nights per plan year.

## 4.3 Standard: dental and optical

Routine dental treatment (check-ups, hygienist visits, fillings and extractions) is refunded up to £200 per plan year.
Emergency dental treatment needed after an accident is covered up to £500 per plan year in addition to the routine
limit. Glasses and contact lenses are refunded up to £100 every 2 years, and the cost of an eye test is refunded in
full once a year.

## 4.4 Standard: therapies and mental health

You can have up to 6 sessions a plan year of physio~therapy, osteopathy or chiropractic treatment in total, without a
GP referral if you book through the Alderbank app. Mental health support on Standard is through counselling:
up to 6 sessions per plan year, arranged through the Employee Assistance Programme. Psychiatric treatment as an
in-patient or out-patient is not covered by Standard.

## 4.5 Standard: life assurance

If you die while employed by Mar~rowby, a lump sum of 2 times your basic annual salary is paid to the people you have
nominated. Make sure your nomination form on MyMarrowby is up to date. Life assurance cover continues while you are
on sick leave or family leave.

## 4.6 Standard: hearing and wellbeing extras

Hearing tests are refunded once a plan year, and hearing aids are refunded up to £300 every 3 years. Standard members
can also claim £60 a plan year towards a health check at an Alderbank partner clinic.

## 4.7 Standard: what is not covered

Standard does not cover: •• treatment outside the Alderbank Network • cosmetic surgery • fertility treatment •
travel vaccinations • treatment abroad • cover for your partner or children unless you pay for it (see 4.1).

[[pagebreak]]

# 5. The Plus plan

## 5.1 Plus: who is covered

The Plus plan covers you, your partner and your dependent children, at no extra cost on top of the Plus
contri~bution. You must name the people covered when you enrol. Children are covered until their 21st birthday, or
their 25th if in full-time education.

## 5.2 Plus: hospital and specialist treatment

Hospital in-patient and day-patient treatment is covered in full in any recog~nised private hospital in the UK,
including central London hospitals. Outpatient consultations, tests and scans are covered up to £3,000 per plan year.
The Plus excess is £50 per person per plan year.

If you choose NHS treatment, the Plus plan pays a hospital cash benefit of £100 for each night in hospital, up to 30
nights per plan year. Cancer treatment, including drugs not yet funded by the NHS, is covered in full on Plus.

## 5.3 Plus: dental and optical

Routine dental treatment is refunded up to £600 per plan year, and the Plus plan also pays 50% of the cost of major
dental work (crowns, bridges and implants) up to £1,000 per plan year. Emergency dental treatment after an accident
is covered up to £500 per plan year. Glasses and contact lenses are refunded up to £250 every 2 years; eye tests are
refunded in full once a year.

## 5.4 Plus: therapies and mental health

You can have up to 15 sessions a plan year of physio~therapy, osteopathy or chiropractic treatment in total.
Counselling is avail~able for up to 12 sessions per plan year, and out-patient psychiatric treatment is covered up to
£1,500 per plan year once your GP has referred you. In-patient psychiatric treatment is covered for up to 28 days
per plan year.

## 5.5 Plus: life assurance

If you die while employed by Mar~rowby, a lump sum of 4 times your basic annual salary is paid to your nominated
beneficiaries. The part of the cover above 2 times salary is provided in exchange for your Plus contri~bution, so it
ends if you move back to Standard.

## 5.6 Plus: travel insurance

Plus includes worldwide travel insurance for you and the family members covered, for holiday trips of up to 31 days
each. It includes medical expenses abroad up to £10 million, cancellation up to £3,000 per person, and baggage up to
£1,500 per person. Business travel is covered separately by the company's travel policy and is not part of this
benefit. Winter sports are included; scuba diving below 30 metres is not.

## 5.7 Plus: hearing and wellbeing extras

Hearing tests are refunded once a plan year, and hearing aids are refunded up to £800 every 3 years. Plus members are
entitled to a full health check every 2 years at an Alderbank partner clinic, paid in full, and to a £150 gym
membership refund each plan year.

## 5.8 Plus: what it costs

The Plus contri~bution for 2026 is £24.50 per month, taken from your net pay each month. The amount is reviewed each
year and any change is announced before the enrolment window opens. Because the Plus plan is also a benefit in kind,
you pay tax on its full value (see section 9), not only on what you contribute.

[[pagebreak]]

# 6. Pension

Both plans include the same pension. You are enrolled in the Mar~rowby Group Pension Plan, run by Fernleigh
Retirement Trust, from your first day of employ~ment. Contributions are a percentage of your basic pay and are made
by salary exchange, which reduces the National Insurance both you and Mar~rowby pay.

Mar~rowby matches higher contributions from you, up to a limit:

| You pay | Marrowby pays | Total |
|---|---|---|
| 4% (the default) | 5% | 9% |
| 5% | 6% | 11% |
| 6% | 7% | 13% |
| 7% or more | 8% | 15% or more |

You can change your contri~bution rate once a month through MyMarrowby; the change applies from the next pay run. You
can opt out within one month of being enrolled and get back what you have paid in; after that, contributions stay in
the plan until you retire. Mar~rowby re-enrols everyone who has opted out every three years, as the law requires.

# 7. Other benefits

[[columns]]
## 7.1 Employee Assistance Programme

Free, confi~dential support for you and anyone in your household, 24 hours a day, 365 days a year, on 555-0199 or
through the Alderbank app. Advisers can help with money worries, legal questions, family problems, stress and
bereavement.

## 7.2 Cycle to work

You can lease a bicycle and safety equip~ment worth up to £2,000 through salary sacrifice, repaid over 12 months. The
scheme opens twice a year, in April and September.

## 7.3 Season ticket loan

An interest-free loan of up to £5,000 for an annual rail or bus season ticket, repaid from your net pay over 10
months. Apply through People Services after your probation.

## 7.4 Eye care for screen users

If you use a computer screen for more than an hour a day, Mar~rowby pays for an eye test every 2 years and up to £75
towards glasses needed only for screen use. This is separate from the optical benefit in your health plan.

## 7.5 Flu vaccinations

Free flu vaccinations are offered at every depot each October, and vouchers are avail~able for anyone who cannot
attend the clinic.

## 7.6 Discounts

The Mar~rowby Rewards portal gives discounts at supermarkets, cinemas and high street shops. Savings are loaded onto
a reloadable card.
[[/columns]]

[[pagebreak]]

# 8. How to make a claim

Most treatment needs pre-authori~sation. To claim:

1. See your GP, or book a virtual GP appointment through the Alderbank app, and get a referral if treatment is
needed. Physiotherapy booked through the app does not need a GP referral.
2. Before any private treatment, call Alderbank Health on 555-0185 (08:00 to 20:00, Monday to Saturday) or use the
app to get a pre-authori~sation number.
3. Give the pre-authori~sation number to the hospital or specialist; they then bill Alderbank directly.
4. Pay the excess, if any, when Alderbank asks you to.
5. For dental, optical and therapy refunds, pay the provider yourself and upload the itemised receipt in the
Alderbank app within 6 months of the treatment date. Refunds are paid into your bank account within 10 working
days of a complete claim.

> Claims submitted more than 6 months after treatment are not paid, except where you were too ill to claim.

# 9. Tax on your benefits

Health cover provided by Mar~rowby is a taxable benefit in kind. Its value is reported to the tax authority on your
P11D each year and is usually collected through a change to your tax code. For 2026 the taxable value is about £480 a
year for Standard, and about £1,620 a year for Plus with family cover. Life assurance, the Employee Assistance
Programme, eye care for screen users and pension contributions are not taxable benefits.

# 10. Changes, appeals and contacts

If Alderbank declines a claim and you disagree, ask Alderbank for a review in writing within 28 days of the decision.
If you are still unhappy, People Services can raise it with the provider on your behalf; you may also complain to the
Financial Ombudsman Service.

| For | Contact |
|---|---|
| Pre-authorisation and claims | Alderbank Health, 555-0185, app or claims@alderbank.example |
| Enrolment, plan changes, nominations | Reward and Benefits, benefits@marrowby.example, 555-0112 |
| Pension | Fernleigh Retirement Trust, 555-0189 |
| Employee Assistance Programme | 555-0199, 24 hours |
| Pay deductions and tax | Payroll, payroll@marrowby.example |

[[pagebreak]]

# Appendix A — Worked examples

These examples show how the limits work in practice. They are illustrations only; Alderbank decides each claim
under the policy wording.

## A.1 Outpatient scans on Standard

Tomasz, a warehouse operative on the Standard plan, is referred by his GP to a knee specialist. The consultation and
an MRI scan cost £1,150 in total. He pays the £250 excess, and the plan pays the remaining £900, which is within his
£1,000 outpatient limit. Later in the year he needs a follow-up consultation costing £200: the plan pays £100, the
amount left of his outpatient limit, and Tomasz pays the other £100 himself. His excess is not charged again.

## A.2 The same scans on Plus

Had Tomasz been on the Plus plan, he would have paid a £50 excess and the plan would have paid £1,100. The
follow-up consultation would also have been paid in full, because the Plus outpatient limit is £3,000.

## A.3 Dental treatment for a family on Plus

Aisha is on Plus and has named her husband and two children. Each of them has their own routine dental limit of £600
for the plan year. Her son needs a crown costing £640: Plus pays 50% of major dental work, so £320 is refunded, within
the £1,000 major dental limit.

## A.4 Changing plans after a birth

Callum is on Standard. His daughter is born on 12 May. He moves to Plus by completing the life event form on
MyMarrowby on 2 June, within 30 days of the birth, and Plus cover for him, his partner and his daughter starts on 1
July. His first Plus contribution is taken from his July pay.

# Appendix B — Questions members often ask

=Can I keep my cover if I go part time?= Yes. Part-time employees have the same plan choices and the same limits as
full-time employees, and the Plus contribution is the same.

=What happens to my cover during maternity or long-term sick leave?= Cover continues on the same plan. If your pay
is too low to take the Plus contribution, Payroll will agree with you how to pay it on your return.

=Is a child who turns 21 still covered?= On Plus, children are covered to their 21st birthday, or their 25th if in
full-time education; tell Reward and Benefits when a child leaves education. On Standard, children are covered only if
you pay for them.

=Can I claim for treatment that started before I joined?= Only once the pre-existing condition rules in section 2 are
met.

=Will my claims be shared with my manager?= No. Alderbank does not tell Marrowby what you have claimed for. People
Services sees only how much the plan costs overall.

=I have my own private medical insurance. Can I opt out?= Yes. You can opt out of the health cover in either plan
through MyMarrowby, which also removes the benefit in kind. Life assurance and the pension are not affected.
`,
};
