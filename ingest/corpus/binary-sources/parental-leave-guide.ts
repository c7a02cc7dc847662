import type { BinaryDocument } from "./types";

export const parentalLeaveGuide: BinaryDocument = {
  path: "everyone/hr/parental-leave-guide.docx",
  title: "Parental Leave Guide",
  owner: "People Team (people@quillfeather.example)",
  effectiveDate: "2026-01-01",
  subject: "Step-by-step guide to parental leave, pay and returning to work",
  keywords: ["hr", "leave", "parental leave", "guide"],
  body: `
# Parental Leave Guide

Congratulations - whether you are expecting a baby, adopting, fostering or welcoming a child through surrogacy. This
guide explains what Quillfeather Labs offers and what to do, step by step. The entitlements themselves are set in the
Leave Policy; this guide explains how they work in practice.

## What you are entitled to

| Your role | Paid leave | Pay during leave |
|---|---|---|
| Primary caregiver | 20 weeks | 100% of base salary |
| Secondary caregiver | 6 weeks | 100% of base salary |
| Either, after paid leave | Up to 12 weeks unpaid | None; benefits continue |

- You are eligible after 90 days of continuous service on the date the child is born or placed with you.
- The primary caregiver is the parent with the main day-to-day care responsibility during the leave; the secondary
  caregiver is their partner. Each family decides who is which; both can be Quillfeather employees.
- Leave must start within 12 months of the birth or placement. The primary caregiver takes leave in one block; the
  secondary caregiver may split leave into up to three blocks of at least one week.
- If you are not yet eligible, you still receive any leave required by law, and the People Team will look at what else
  we can do.

## Step by step

### 1. Tell us early

Let your manager and the People Team (people@quillfeather.example) know as soon as you are comfortable, and at least
8 weeks before your planned start date. Everything you tell us stays confidential until you decide to share it.

### 2. Plan your leave in Hearth

Submit the "Parental leave" request in Hearth with your expected date and your planned start date. For adoption,
include the expected placement date. You can change dates later with 4 weeks' notice, or straight away if the baby
arrives early.

### 3. Handover

Agree a handover plan with your manager two to four weeks before you go. Set up delegation rules for any approval
queues, update your out-of-office, and make sure nobody will need to call you.

### 4. During your leave

- Your salary is paid as normal through payroll on the usual dates.
- All benefits continue: health, dental and vision insurance, retirement matching, life insurance.
- You continue to accrue annual leave at the normal rate; you can take it before or after parental leave.
- You may work up to 10 paid "keeping in touch" days - for example for training or a team offsite - if you want
  to. They are optional and do not end your leave. Record them in Hearth.
- Your manager checks in with you only in the ways you agreed before you left.

### 5. Returning to work

- Primary caregivers may use a phased return of up to 4 weeks at 80% of normal hours on full pay.
- You return to the same role, or, where that is not possible, a role of the same level and pay.
- Your next performance rating is based on the time you actually worked in the cycle; parental leave is never a reason
  for a lower rating, and you remain eligible for the salary review.
- Nursing parents can book the wellbeing rooms on floor 5 in Port Averly, and may take paid breaks as needed.
- Flexible working requests after a return are answered within four weeks.

## Other situations

| Situation | What happens |
|---|---|
| Pregnancy loss (either parent) | 10 working days of paid leave, separate from sick leave |
| Premature birth needing neonatal care | Paid leave is extended by the number of weeks the baby is in neonatal care, up to 12 extra weeks |
| Multiple births or adoptions at once | Same leave as for one child |
| Adoption placement that ends early | Leave continues for 8 weeks after the end of the placement, or until the planned end if sooner |
| Fertility treatment appointments | Up to 5 paid days per year |

## Frequently asked questions

Can both parents at Quillfeather be primary caregivers? No - one parent is the primary caregiver and the other the
secondary caregiver, but the family decides which is which.

Do I need to repay anything if I leave after parental leave? No. Quillfeather does not claw back parental leave pay.

Can I take annual leave straight after parental leave? Yes, with your manager's agreement, like any other leave.

## Contacts

People Team: people@quillfeather.example, #ask-people. Payroll: payroll@quillfeather.example. Confidential support: the
Employee Assistance Programme on +1 555-0148.
`,
};
