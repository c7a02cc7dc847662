import type { EvalDocument } from "../types";

export const healthBenefits: EvalDocument = {
  file: "health-and-wellbeing-benefits.pdf",
  title: "Health and Wellbeing Benefits 2026: Core and Enhanced",
  owner: "People Team, Reward (reward@pellowhart.example)",
  subject:
    "Private medical, dental, optical, therapy, income protection and life cover under the Core and Enhanced plans",
  keywords: ["benefits", "private medical", "dental", "optical", "physiotherapy", "core", "enhanced", "eap"],
  version: "Benefit year 2026",
  effectiveDate: "2026-01-01",
  body: `
This summary explains the health and wellbeing benefits Pellow Hart offers in the 2026 benefit year. There are two
plans. Every eligible member of staff is covered by the Core plan, paid for by the practice. The Enhanced plan is an
optional upgrade with higher limits and cover for your family, paid for by you through salary sacrifice. Sections 4
and 5 describe the two plans in the same order, so you can compare them section by section; section 3 shows the
headline figures side by side.

Medical, dental and optical cover is insured and run by Greyfriars Health. Their policy documents, available on
PeopleHub, are the final word on what is covered; this is a summary. Staff in the Dublin studio have an equivalent
plan with Greyfriars Health Ireland, with the same limits in euro.

# 1. Who is covered

All employees on a permanent contract, or a fixed-term contract of 6 months or longer, are covered by the Core
plan from their first day. Freelancers, agency staff and placement students are not covered.

You can upgrade to the Enhanced plan:
- in the annual enrolment window, 1 October to 31 October, with the change starting on 1 January;
- within 31 days of a life event (getting married or entering a civil partnership, having or adopting a child, your
partner losing their own cover), starting on the first day of the next month;
- within 31 days of joining the practice.

You can move back to Core only in the enrolment window. When you leave the practice, cover ends on your last day.

# 2. Terms used in this summary

=Benefit year= 1 January to 31 December. Annual limits start again on 1 January.

=Excess= the part of a claim you pay yourself before the plan pays. The excess applies once per benefit year, not
to every claim.

=Outpatient treatment= consultations, tests and scans where you are not admitted to a hospital bed.

=Pre-authorisation= a phone call or online request to Greyfriars Health, before treatment starts, to confirm that
the plan will pay.

=Family members= your spouse, civil partner or a partner you live with, and your children up to their 24th
birthday.

# 3. The plans at a glance

| Benefit | Core | Enhanced |
|---|---|---|
| Monthly cost to you | nothing | £42 you only; £84 you and partner; £112 family |
| Who can be covered | you only | you and your family members |
| Excess each benefit year | £200 | £50 |
| Hospital treatment (in-patient and day-patient) | paid in full | paid in full |
| Outpatient limit each benefit year | £1,000 | £3,000 |
| Physiotherapy, osteopathy or chiropractic | 6 sessions a year | 15 sessions a year |
| Talking therapies | 8 sessions a year | 20 sessions a year |
| Dental | £150 a year | £450 a year |
| Optical | £100 every 2 years | £250 every year |
| Virtual GP | included | included |
| Income protection and life cover | section 6 | section 6 |

Costs of Enhanced are taken from your salary before tax and National Insurance.

[[pagebreak]]

# 4. Core plan

## 4.1 Hospital and outpatient cover

Core pays in full for eligible in-patient and day-patient treatment at a hospital on the Greyfriars Standard
hospital list, after the excess of £200 in each benefit year. Outpatient consultations, diagnostic tests and scans
are paid up to £1,000 a year in total. Core does not pay for treatment at the London teaching hospitals on the
Greyfriars Premier list.

## 4.2 Therapies

Core pays for up to 6 sessions a year of physiotherapy, osteopathy or chiropractic treatment in total, on referral
from a GP or the Virtual GP. Talking therapies (counselling or cognitive behavioural therapy) are paid for up to 8
sessions a year, and you may refer yourself.

## 4.3 Dental

Core pays 75% of the cost of check-ups, hygienist visits, fillings and extractions, up to £150 a year. Crowns,
bridges and orthodontic treatment are not covered.

## 4.4 Optical

Core pays up to £100 towards an eye test, glasses or contact lenses once every 2 benefit years. If you use a
screen for work, the practice also pays for a display screen eye test and basic glasses for screen use, in addition
to this allowance; claim these through expenses.

## 4.5 Covering your family

Only you are covered on Core. To cover family members you need to upgrade to Enhanced.

[[pagebreak]]

# 5. Enhanced plan

## 5.1 Hospital and outpatient cover

Enhanced pays in full for eligible in-patient and day-patient treatment at any hospital on the Greyfriars Premier
list, which includes the London teaching hospitals, after the excess of £50 in each benefit year. Outpatient
consultations, diagnostic tests and scans are paid up to £3,000 a year for each person covered.

## 5.2 Therapies

Enhanced pays for up to 15 sessions a year of physiotherapy, osteopathy or chiropractic treatment, and you may
refer yourself without seeing a GP. Talking therapies are paid for up to 20 sessions a year, and you may refer
yourself.

## 5.3 Dental

Enhanced pays 90% of the cost of routine and restorative dental treatment, including crowns and bridges, up to £450
a year. Orthodontic treatment is covered for children under 18 only, up to £1,500 in a lifetime for each child.

## 5.4 Optical

Enhanced pays up to £250 a year towards eye tests, glasses, contact lenses or prescription sunglasses. The display
screen eye test described in 4.4 applies to you on Enhanced as well.

## 5.5 Covering your family

On Enhanced you may add your partner, your children, or both. The monthly cost depends on who you cover (section
3). Each person covered has their own limits, but a single excess of £50 applies per family each benefit year.

# 6. Benefits on both plans

## 6.1 Income protection

If you are unable to work because of illness or injury for more than 26 weeks, income protection pays 70% of your
salary, less any state benefits, after the 26-week deferred period and for as long as you cannot work, up to your
state pension age. Payments are made through payroll, so you stay an employee. The cover is the same on both plans.

## 6.2 Life cover

If you die while employed by the practice, a lump sum of 4 times your annual salary is paid to the people you have
nominated. Keep your nomination form up to date in PeopleHub, especially after a marriage, separation or the birth
of a child.

## 6.3 Employee Assistance Programme

Everyone, on either plan, and anyone living in their household, can call the Employee Assistance Programme (EAP)
free and in confidence, 24 hours a day, on 555-0190. It offers up to 6 sessions of counselling for each issue,
separate from the talking therapy sessions in the plans, as well as legal, debt and family advice.

## 6.4 Virtual GP

Both plans include unlimited video appointments with a GP through the Greyfriars app, usually within 2 hours,
with prescriptions delivered to your home.

# 7. Making a claim

1. For anything other than a Virtual GP appointment, ask your GP or the Virtual GP for a referral, unless you are
self-referring for therapy.
2. Call Greyfriars Health on 555-0177, or use the app, to pre-authorise the treatment before it starts. They will
give you an authorisation number and a list of approved specialists.
3. Ask the specialist or hospital to send the bill to Greyfriars direct, quoting your authorisation number.
4. For dental and optical, pay yourself and submit the receipt in the Greyfriars app within 6 months of the
treatment.

Treatment that was not pre-authorised may not be paid.

# 8. What neither plan covers

•• routine maternity care and childbirth • cosmetic surgery • treatment for conditions you already had in the 2
years before joining, for the first 2 years of cover • long-term management of chronic conditions such as diabetes
• emergency treatment in A&E, which the NHS or HSE provides • treatment abroad.

[[pagebreak]]

# 9. Questions people ask

[[columns]]

## Can I switch to Enhanced in March?

Only if you have had a life event in the last 31 days or joined the practice in the last 31 days. Otherwise, choose
Enhanced in the October enrolment window and it will start on 1 January.

## Does the excess apply to dental?

No. The excess applies to hospital and outpatient claims only. Dental and optical are paid from the first pound, up
to the limits.

## My partner works elsewhere and has their own cover. Can I still add them?

Yes, on Enhanced, but Greyfriars will not pay for the same treatment twice; claims are shared with the other
insurer.

## Is the benefit taxed?

Private medical cover is a taxable benefit in kind. The value of the Core plan is shown on your P11D each year and
you pay tax on it through your tax code.

## I go part time. Does my cover change?

No. Cover and limits are the same for part-time staff.

[[/columns]]

# 10. Worked examples

=Ravi, on Core, has knee pain.= The Virtual GP refers him to a physiotherapist. Core pays for 6 sessions; he pays
for a seventh himself. A scan costs £420 as an outpatient; after the £200 excess, Core pays £220.

=Niamh, on Enhanced with family cover, needs a crown.= The crown costs £600. Enhanced pays 90%, £540, but her annual
dental limit is £450, so £450 is paid and she pays £150. On Core, a crown would not have been covered at all.
`,
};
