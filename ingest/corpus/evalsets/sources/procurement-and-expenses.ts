import type { EvalDocument } from "./types";

export const procurementAndExpenses: EvalDocument = {
  file: "procurement-and-expenses-procedure.pdf",
  title: "Procurement and Expenses Procedure",
  owner: "Finance (finance.helpdesk@marrowby.example)",
  subject: "Purchasing approval limits, purchase orders, suppliers, business expenses, travel and company cards",
  keywords: ["finance", "procurement", "purchase orders", "expenses", "mileage", "travel", "gifts"],
  version: "Version 5.0",
  effectiveDate: "2026-04-01",
  body: `
# 1. Purpose and principles

This procedure explains how Mar~rowby Logistics buys goods and services, how employees claim back money they have
spent on company business, and who may approve what. It applies to every employee and every cost centre, including
depots and the fleet. Spending company money is a responsi~bility: buy only what the business needs, get value for
money, and be ready to explain every purchase.

Three principles run through the procedure:
- Nobody approves their own spending, or spending that benefits them personally.
- Orders must not be split to keep them under an approval limit. Orders for the same goods or service from the same
supplier within 3 months count as one order.
- If it is not in this procedure, ask Finance before you spend, not after.

# 2. Definitions

=Budget holder= the manager named in the finance system as responsible for a cost centre's budget.

=Department head= the senior manager responsible for a function or a depot (for depots, the Depot Manager).

=Purchase order (PO)= the order raised in ProcureHub, the purchasing system, that commits Marrowby to pay a
supplier. A PO number must appear on every supplier invoice.

=Preferred supplier= a supplier with a framework agreement negotiated by the Procurement team. Preferred suppliers
are listed in ProcureHub and must be used where one exists.

=Cost centre= the code for the team or site whose budget pays for a purchase, for example EM-WH for the Eastmere
warehouse.

=Value= the total cost over the life of the contract, excluding VAT. For a three-year contract at £4,000 a year, the
value is £12,000.

# 3. Approval limits for purchases

The value of a purchase decides how many quotes you need and who must approve the PO:

| Value of purchase (excl. VAT) | Quotes required | Who approves |
|---|---|---|
| Up to £1,000 | 1 quote (or the ProcureHub catalogue price) | Budget holder |
| £1,000 to £10,000 | 2 written quotes | Budget holder and department head |
| £10,000 to £50,000 | 3 written quotes | Finance Director |
| £50,000 to £250,000 | formal tender run by Procurement | Chief Financial Officer |
| Over £250,000 | formal tender run by Procurement | Chief Executive and the Board |

Where a value falls exactly on a boundary, the lower band applies. Vehicles, trailers and handling equip~ment are
always bought through the Fleet team, whatever their value. IT hardware and software are always bought through IT
Services.

## 3.1 When you cannot get enough quotes

If fewer suppliers can provide what is needed than the table requires, record the reason in ProcureHub as a single
source justification. A single source justification must be approved one level above the normal approver, and by
the Finance Director for anything over £10,000.

# 4. Raising a purchase order

Mar~rowby operates a "no PO, no pay" rule: suppliers are told that invoices without a valid PO number will be
returned unpaid. Raise the PO before the goods or services are ordered.

1. Check ProcureHub for a preferred supplier or catalogue item. Use it if one exists.
2. Get the quotes the table in section 3 requires and attach them to the request.
3. Create the requi~sition in ProcureHub with the cost centre, a clear description and the delivery address.
4. ProcureHub sends the requi~sition to the right approvers automat~ically. Approvers have 3 working days to act before
the request is escalated to their own manager.
5. Once approved, ProcureHub emails the PO to the supplier. Only then place the order.
6. When the goods or services arrive, record the receipt in ProcureHub within 2 working days so the invoice can be
paid.

# 5. Suppliers

## 5.1 Setting up a new supplier

Ask Procurement to set up any new supplier before you order. The supplier completes the onboarding form, including
insurance, bank details and, for contractors who work on our sites, their health and safety documents. Setting up a
new supplier takes up to 10 working days, so plan ahead.

## 5.2 Changes to bank details

Invoice fraud is the most common attack on logistics companies. A request from a supplier to change its bank details
is never actioned from an email alone. Accounts Payable confirms every change by phoning the supplier on the number
already held in ProcureHub, and a second member of the team approves the change in the system. If a supplier contacts
you about new bank details, forward the message to accounts.payable@marrowby.example and do not reply to it.

## 5.3 Paying suppliers

Standard payment terms are 30 days from the date we receive a valid invoice. Small businesses with fewer than 50
employees are paid within 14 days. Payment runs take place every Tuesday and Thursday.

[[pagebreak]]

# 6. Business expenses

## 6.1 General rules

You can claim back reason~able costs you have paid personally while working for Mar~rowby. Claim through the Expenses
module in MyMarrowby:
- Submit claims within 60 days of spending the money. Claims older than that are paid only with the Finance
Director's approval.
- Attach an itemised receipt for every item over £5. A card slip alone is not a receipt.
- Your line manager approves the claim. A single claim over £500 also needs approval from your department head.
- Approved claims are paid with your next salary if approved by the 15th of the month; otherwise the month after.

We do not pay for: •• alcohol • fines for parking or speeding • personal grooming or clothing • in-flight purchases
• entertainment for colleagues, unless it is a team event approved in advance • tips above 10% of the bill.

## 6.2 Meals when you are away from your normal workplace

If you are travelling on business and have to buy meals, you can claim the actual cost with receipts, up to these
limits. Drivers on overnight trips receive the night-out allowance through payroll instead and cannot also claim
meals here.

| Time away from your normal workplace | Maximum claim per day |
|---|---|
| 5 to 10 hours | £10 |
| More than 10 hours | £25 |
| Overnight stay (evening meal) | £35 |

## 6.3 Hotels

Book hotels through TravelDesk, the company's travel booking service, at least 7 days ahead where possible. The
maximum room rate, including breakfast and VAT, is £160 per night in London and £110 per night elsewhere in the UK.
Rooms above these limits need department head approval before booking. If you stay with friends or family instead of
a hotel, you can claim £25 per night.

# 7. Travel

## 7.1 Rail and air

Travel by standard class rail. First class may be booked only for journeys over 3 hours each way, with department
head approval. Domestic flights are allowed only where the rail journey would take more than 5 hours. Book through
TravelDesk so that Mar~rowby knows where you are in an emergency.

## 7.2 Using your own vehicle

If you use your own car, van, motorbike or bicycle for business journeys, you can claim mileage at the following rates.
Commuting between home and your normal workplace is not business mileage.

| Vehicle | First 10,000 business miles in the tax year | Each mile after that |
|---|---|---|
| Car or van | 45p per mile | 25p per mile |
| Motorcycle | 24p per mile | 24p per mile |
| Bicycle | 20p per mile | 20p per mile |

You can add 5p per mile for each colleague who travels with you on the same business journey. Your insurance must
cover business use; Mar~rowby does not pay for damage to your vehicle, parking fines or speeding fines.

## 7.3 Pool cars and hire cars

Each depot has pool cars, which should be used before your own car for journeys of more than 80 miles. Book them with
the depot reception. Hire cars are booked through TravelDesk; the most you may book is a medium-sized car.

[[pagebreak]]

# 8. Company cards and gifts

[[columns]]
## 8.1 Company credit cards

Company credit cards are issued to employees who travel often or who buy regularly for their team. The standard
limit is £3,000 per month; a higher limit needs the Finance Director's approval.

- Use the card for business purchases only. Personal use, even if you pay it back, is a disciplinary matter.
- Reconcile your card statement in the Expenses module within 10 working days of the statement date, with a receipt
for every transaction.
- Cash withdrawals are not allowed.
- Report a lost or stolen card to the card provider at once on 555-0131, and to Finance the same day.

Cards that are not reconciled for two months in a row are suspended until the statements are cleared.

## 8.2 Gifts and hospitality

Suppliers and customers sometimes offer gifts or hospitality. You may accept modest ones, but you must never accept
cash or vouchers, and never accept anything while a tender or contract negotiation with the giver is under way.

Declare any gift or hospitality worth more than £50 in the Gifts Register on MyMarrowby within 5 working days,
whether you accepted it or not. Gifts worth more than £150 must be politely declined, or handed to the Compliance team
if declining would cause offence; they are then raffled for charity.

## 8.3 Giving gifts

Gifts to customers must be approved by your department head in advance and must not exceed £75 per person per year.
Gifts to public officials are not allowed.

## 8.4 Team events

Each department has a team event budget of £40 per person per year, approved by the department head. Alcohol bought
within this budget is allowed at team events, up to a third of the budget.
[[/columns]]

# 9. Roles and responsibilities

@ Budget Holder
- Approves purchases up to £1,000 and expense claims for their own team.
- Checks every month that spending against the cost centre matches the budget, and explains variances over 10%.
- Makes sure goods received are recorded in ProcureHub.

@ Department Head
- Approves purchases from £1,000 to £10,000 with the budget holder, single expense claims over £500, first class
rail travel and hotel rooms above the limits.
- Approves gifts to customers and the team event budget.

@ Finance Director
- Approves purchases from £10,000 to £50,000, single source justifications over £10,000 and credit card limits above
£3,000.
- Approves expense claims submitted more than 60 days late.

@ Accounts Payable team
- Pays supplier invoices that match an approved PO and a goods receipt.
- Verifies every change of supplier bank details by phone.
- Runs payment runs every Tuesday and Thursday.

@ Procurement team
- Runs tenders for purchases over £50,000 and negotiates preferred supplier agreements.
- Sets up new suppliers and checks their insurance and safety documents.

# 10. Breaches and document control

Breaking this procedure, for example by splitting orders, claiming expenses that were not incurred, or approving
your own spending, is treated as misconduct and may be gross misconduct. Finance checks a sample of claims and card
transactions every month and reports unusual patterns to the Audit Committee.

| Version | Date | Change |
|---|---|---|
| 4.0 | 1 April 2024 | ProcureHub replaces paper requisitions |
| 4.2 | 1 October 2024 | Small-business payment terms reduced to 14 days |
| 5.0 | 1 April 2026 | New approval bands; hotel limits raised to £160 (London) and £110 |

[[pagebreak]]

# Appendix A — Worked examples

## A.1 A new pallet wrapper for the Saltcote warehouse

The Saltcote warehouse needs a semi-automatic pallet wrapper costing £7,800 plus VAT, with a two-year service
contract at £900 a year. The value is £9,600, so two written quotes are required and the purchase is approved by the
budget holder and the Depot Manager as department head. Because the wrapper is handling equipment, the Fleet team
places the order.

## A.2 A three-year cleaning contract

The Hollin Bridge depot wants a cleaning contract at £18,000 a year for three years. The value is £54,000, which is
over £50,000: Procurement runs a formal tender and the Chief Financial Officer approves the award.

## A.3 A day trip to a customer

Priya drives her own car 130 miles to a customer meeting in Dunmore and back, leaving at 07:00 and returning at
18:30. She can claim 130 miles at 45p, which is £58.50, plus up to £25 for meals because she was away for more than
10 hours, with receipts. Her colleague travels with her, so she can add 5p a mile, £6.50.

## A.4 A hotel in London

Ben books a London hotel at £185 a night for a two-day conference. This is over the £160 London limit, so he needs
his department head's approval before booking. If he books without it, Finance will pay only £160 a night.

# Appendix B — Expense claim checklist

Before you submit a claim, check that:
- every item over £5 has an itemised receipt attached;
- you have chosen the correct cost centre and expense category;
- mileage claims show the start and end points and the business reason;
- meals claimed are within the daily maximum for your time away;
- nothing on the claim is on the list of things we do not pay for in section 6.1;
- the claim is being submitted within 60 days of the spending.

Claims that are returned for correction are paid in the following pay run once approved again.
`,
};
